using Atendimento.Platform.Postgres;
using Atendimento.Platform.Tenancy;
using Npgsql;

namespace Atendimento.Bot.Channels.WhatsApp.DeadLetters;

public sealed class PostgresRedriveAudit(NpgsqlDataSource dataSource) : IRedriveAudit
{
    public async Task<RedriveRecord> AppendAsync(RedriveRecord record, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO whatsapp_redrives (tenant_id, actor, at, request, requested, redriven, result)
            VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7) RETURNING id
            """).With(record.TenantId.Value, record.Actor, record.At, record.Request, record.Requested, record.Redriven, record.Result);
        return record with { Id = (long)(await command.ExecuteScalarAsync(cancellationToken))! };
    }

    public async Task<IReadOnlyList<RedriveRecord>> LatestAsync(TenantId tenantId, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT id, actor, at, request::text, requested, redriven, result FROM whatsapp_redrives
            WHERE tenant_id = $1 ORDER BY id DESC LIMIT $2
            """).With(tenantId.Value, limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var records = new List<RedriveRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(new RedriveRecord(reader.GetInt64(0), tenantId, reader.GetString(1), reader.GetTimestamp(2), reader.GetString(3),
                reader.GetInt32(4), reader.GetInt32(5), reader.GetString(6)));
        }
        return records;
    }
}
