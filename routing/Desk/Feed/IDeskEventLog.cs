using Atendimento.Platform.Tenancy;

namespace Atendimento.Routing.Desk.Feed;

/// <summary>
/// One thing agents must see: its place in the tenant's feed, its kind ("sla.breach", …), the ticket, a JSON payload,
/// and who it is for (null: every desk user of the tenant).
/// </summary>
public sealed record DeskEvent(long Id, TenantId TenantId, string Kind, long? TicketId, string Payload, DateTimeOffset At, DeskAudience? For = null)
{
    public DeskAudience Audience => For ?? DeskAudience.Everyone;
}

/// <summary>
/// The agents' feed as a durable log per tenant: the live stream replays it from the last id a client saw, so a
/// reconnect neither loses nor repeats an event. In-memory and PostgreSQL run the same contract tests.
/// </summary>
public interface IDeskEventLog
{
    /// <summary>
    /// Appends an event and returns its id. <paramref name="dedupeKey"/> makes the append idempotent: a second
    /// append with the same key returns the first event's id and adds nothing (producers deliver at least once).
    /// </summary>
    Task<long> AppendAsync(TenantId tenantId, string kind, long? ticketId, string payload, string? dedupeKey, DateTimeOffset at,
        DeskAudience? audience = null, CancellationToken cancellationToken = default);

    /// <summary>The tenant's events after <paramref name="afterId"/>, oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<DeskEvent>> ReadAfterAsync(TenantId tenantId, long afterId, int limit, CancellationToken cancellationToken = default);

    /// <summary>The id of the tenant's newest event (0 when there is none): where a client that just read a snapshot starts following.</summary>
    Task<long> LastIdAsync(TenantId tenantId, CancellationToken cancellationToken = default);
}
