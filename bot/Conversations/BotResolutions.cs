using System.Globalization;
using Atendimento.Platform.Postgres;
using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Kpis;
using Npgsql;

namespace Atendimento.Bot.Conversations;

/// <summary>
/// A dialog the bot ran to its end without handing off: the bot's side of "resolved by the bot vs handed off".
/// <see cref="ActivityId"/> is the customer's message that completed it.
/// </summary>
public sealed record BotResolution(TenantId TenantId, string ConversationId, string ActivityId, string Intent, string Channel, DateTimeOffset At);

/// <summary>Records the bot's resolutions and counts them for the KPIs; in-memory and PostgreSQL run BotResolutionLogContract.</summary>
public interface IBotResolutionLog : IBotResolutions
{
    /// <summary>Idempotent per (tenant, conversation, activity): a turn run again records nothing new.</summary>
    Task RecordAsync(BotResolution resolution, CancellationToken cancellationToken = default);
}

public sealed class InMemoryBotResolutionLog : IBotResolutionLog
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(TenantId, string, string), BotResolution> _resolutions = [];

    public Task RecordAsync(BotResolution resolution, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _resolutions.TryAdd((resolution.TenantId, resolution.ConversationId, resolution.ActivityId), resolution);
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyDictionary<DateTimeOffset, long>?> CountAsync(TenantId tenantId, KpiQuery query, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyDictionary<DateTimeOffset, long> counts = _resolutions.Values
                .Where(r => r.TenantId == tenantId && r.At >= query.From && r.At < query.To
                    && (query.Channel is null || string.Equals(r.Channel, query.Channel, StringComparison.Ordinal)))
                .GroupBy(r => query.BucketOf(r.At))
                .ToDictionary(g => g.Key, g => g.LongCount());
            return Task.FromResult<IReadOnlyDictionary<DateTimeOffset, long>?>(counts);
        }
    }
}

public sealed class PostgresBotResolutionLog(NpgsqlDataSource dataSource) : IBotResolutionLog
{
    public async Task RecordAsync(BotResolution resolution, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO bot_resolutions (tenant_id, conversation_id, activity_id, intent, channel, at) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT DO NOTHING
            """).With(resolution.TenantId.Value, resolution.ConversationId, resolution.ActivityId, resolution.Intent, resolution.Channel, resolution.At);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Counted in SQL under the tenant's row-level security scope, bucketed as the routing KPIs are.</summary>
    public async Task<IReadOnlyDictionary<DateTimeOffset, long>?> CountAsync(TenantId tenantId, KpiQuery query, CancellationToken cancellationToken = default)
    {
        var channel = query.Channel is null ? "" : " AND channel = $4";
        await using var scope = await TenantScope.BeginAsync(dataSource, tenantId, cancellationToken: cancellationToken);
        await using var command = scope.Command(string.Create(CultureInfo.InvariantCulture, $"""
            SELECT {query.BucketSql("at")}, count(*) FROM bot_resolutions
            WHERE tenant_id = $1 AND at >= $2 AND at < $3{channel}
            GROUP BY 1
            """)).With(tenantId.Value, query.From, query.To);
        if (query.Channel is not null)
        {
            command.With(query.Channel);
        }
        var counts = new Dictionary<DateTimeOffset, long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[reader.GetTimestamp(0)] = reader.GetInt64(1);
        }
        return counts;
    }
}
