using Atendimento.Platform.Postgres;
using Atendimento.Platform.Tenancy;
using Npgsql;

namespace Atendimento.Bot.Channels.WhatsApp;

public sealed class PostgresWhatsAppInbox(NpgsqlDataSource dataSource) : IWhatsAppInbox
{
    public async Task AcceptAsync(IReadOnlyList<InboxEntry> entries, CancellationToken cancellationToken = default)
    {
        await using var batch = dataSource.CreateBatch();
        foreach (var entry in entries)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(
                "INSERT INTO whatsapp_inbox (tenant_id, phone_number_id, payload, received_at) VALUES ($1, $2, $3, $4)")
                .With(entry.TenantId.Value, entry.PhoneNumberId, entry.Payload, entry.ReceivedAt));
        }
        // A batch runs in one implicit transaction: all rows or none.
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<InboxItem>> ClaimAsync(int max, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE whatsapp_inbox SET leased_until = $1, attempts = attempts + 1
            WHERE id IN (SELECT id FROM whatsapp_inbox
                         WHERE done_at IS NULL AND (leased_until IS NULL OR leased_until < $2)
                         ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED)
            RETURNING id, tenant_id, phone_number_id, payload, received_at, attempts
            """).With(leaseUntil, now, max);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var items = new List<InboxItem>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var entry = new InboxEntry(new TenantId(reader.GetString(1)), reader.GetString(2), reader.GetString(3), reader.GetTimestamp(4));
            items.Add(new InboxItem(reader.GetInt64(0), entry, reader.GetInt32(5)));
        }
        return [.. items.OrderBy(i => i.Id)];
    }

    public Task CompleteAsync(long id, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        FinishAsync(id, at, deadLetter: false, cancellationToken);

    public Task SetAsideAsync(long id, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        FinishAsync(id, at, deadLetter: true, cancellationToken);

    public async Task<int> CountPendingAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM whatsapp_inbox WHERE done_at IS NULL");
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<bool> WasHandledAsync(TenantId tenantId, string key, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT EXISTS (SELECT 1 FROM whatsapp_handled_keys WHERE tenant_id = $1 AND key = $2)").With(tenantId.Value, key);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task MarkHandledAsync(TenantId tenantId, string key, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO whatsapp_handled_keys (tenant_id, key, handled_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
            .With(tenantId.Value, key, at);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task PurgeAsync(DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("DELETE FROM whatsapp_handled_keys WHERE handled_at < $1").With(before));
        batch.BatchCommands.Add(new NpgsqlBatchCommand("DELETE FROM whatsapp_inbox WHERE done_at < $1 AND NOT dead_letter").With(before));
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task FinishAsync(long id, DateTimeOffset at, bool deadLetter, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE whatsapp_inbox SET done_at = $2, dead_letter = $3, leased_until = NULL WHERE id = $1").With(id, at, deadLetter);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
