using System.Data;
using Atendimento.Platform.Postgres;
using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Tickets;
using Npgsql;

namespace Atendimento.Routing.Kpis;

/// <summary>
/// The KPIs computed in PostgreSQL (the SQL is in <see cref="KpiSql"/>), all in one repeatable-read transaction
/// under the tenant's row-level security scope, so every figure comes from the same snapshot and no other
/// tenant's row can reach it.
/// </summary>
public sealed class PostgresKpiStore(NpgsqlDataSource dataSource) : IKpiStore
{
    public async Task<KpiMeasures> MeasureAsync(TenantId tenantId, KpiQuery query, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var scope = await TenantScope.BeginAsync(dataSource, tenantId, IsolationLevel.RepeatableRead, cancellationToken);
        var sql = new KpiSql(tenantId, query, now);
        return new KpiMeasures(
            await DurationsAsync(scope, sql, sql.FirstResponse(), cancellationToken),
            await DurationsAsync(scope, sql, sql.HandleTime(), cancellationToken),
            await DurationsAsync(scope, sql, sql.Resolution(), cancellationToken),
            await SlaAsync(scope, sql, cancellationToken),
            await MovementAsync(scope, sql, cancellationToken),
            await BacklogAsync(scope, sql, cancellationToken));
    }

    private static async Task<Dictionary<DateTimeOffset, DurationStats>> DurationsAsync(TenantScope scope, KpiSql sql, string text, CancellationToken cancellationToken)
    {
        var rows = new Dictionary<DateTimeOffset, DurationStats>();
        await using var command = sql.Bind(scope.Command(text));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows[reader.GetTimestamp(0)] = new DurationStats(reader.GetInt64(1), reader.GetDouble(2), reader.GetDouble(3), reader.GetDouble(4));
        }
        return rows;
    }

    private static async Task<List<(DateTimeOffset, SlaHits)>> SlaAsync(TenantScope scope, KpiSql sql, CancellationToken cancellationToken)
    {
        var rows = new List<(DateTimeOffset, SlaHits)>();
        await using var command = sql.Bind(scope.Command(sql.Sla()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetTimestamp(0), new SlaHits(Enum.Parse<SlaTargetKind>(reader.GetString(1)), (TicketPriority)reader.GetInt16(2),
                (SupportLevel)reader.GetInt16(3), reader.GetInt64(4), reader.GetInt64(5))));
        }
        return rows;
    }

    private static async Task<Dictionary<DateTimeOffset, TicketMovement>> MovementAsync(TenantScope scope, KpiSql sql, CancellationToken cancellationToken)
    {
        var rows = new Dictionary<DateTimeOffset, TicketMovement>();
        await using var command = sql.Bind(scope.Command(sql.Movement()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows[reader.GetTimestamp(0)] = new TicketMovement(reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
        }
        return rows;
    }

    private static async Task<List<BacklogCount>> BacklogAsync(TenantScope scope, KpiSql sql, CancellationToken cancellationToken)
    {
        var rows = new List<BacklogCount>();
        await using var command = sql.Bind(scope.Command(sql.Backlog()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new BacklogCount(Enum.Parse<TicketStatus>(reader.GetString(0)), (SupportLevel)reader.GetInt16(1), reader.GetString(2), reader.GetInt64(3)));
        }
        return rows;
    }
}
