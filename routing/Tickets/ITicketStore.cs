using Atendimento.Platform.Tenancy;

namespace Atendimento.Routing.Tickets;

/// <summary>
/// Tickets, their message logs and their audit logs. The in-memory and the PostgreSQL implementations run the
/// same contract tests (tests/Atendimento.Routing.Tests/Tickets/TicketStoreContract*.cs).
/// </summary>
public interface ITicketStore
{
    /// <summary>
    /// Opens a ticket with the transcript so far, or returns the conversation's active ticket when it already
    /// has one (a retried handoff must not open a second ticket). <see cref="OpenResult.Created"/> tells which.
    /// </summary>
    Task<OpenResult> OpenAsync(NewTicket ticket, IReadOnlyList<NewTicketMessage> transcript, CancellationToken cancellationToken = default);

    Task<Ticket?> GetAsync(TenantId tenantId, TicketId id, CancellationToken cancellationToken = default);

    /// <summary>Newest first, filtered, one page at a time.</summary>
    Task<TicketPage> ListAsync(TenantId tenantId, TicketQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves changed tickets with their audit lines, all or nothing, if nobody saved any of them since it was
    /// read (<see cref="SaveOutcome.Stale"/> means reload and retry).
    /// </summary>
    Task<SaveOutcome> SaveAsync(IReadOnlyList<TicketUpdate> updates, CancellationToken cancellationToken = default);

    /// <summary>The ticket's audit log, oldest first; empty for an unknown ticket or another tenant's.</summary>
    Task<IReadOnlyList<TicketAuditEntry>> GetAuditAsync(TenantId tenantId, TicketId id, CancellationToken cancellationToken = default);

    /// <summary>Appends with the next sequence; a message whose ExternalId is already on the ticket returns that line instead.</summary>
    Task<TicketMessage> AppendMessageAsync(TenantId tenantId, TicketId id, NewTicketMessage message, CancellationToken cancellationToken = default);

    /// <summary>
    /// Like <see cref="AppendMessageAsync"/>, but only while the ticket is active (<see cref="TicketLifecycle.IsActive"/>),
    /// checked under the same lock as the append: null means the ticket ended first (a customer message racing a resolve).
    /// </summary>
    Task<TicketMessage?> AppendWhileActiveAsync(TenantId tenantId, TicketId id, NewTicketMessage message, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<TicketMessage>> GetMessagesAsync(TenantId tenantId, TicketId id, CancellationToken cancellationToken = default);
}

public sealed record OpenResult(Ticket Ticket, bool Created);

public static class TicketStoreExtensions
{
    /// <summary>Saves one ticket with its audit lines; true when saved.</summary>
    public static async Task<bool> SaveAsync(this ITicketStore store, Ticket ticket, params NewAuditEntry[] audit) =>
        await store.SaveAsync([new TicketUpdate(ticket, audit)]) == SaveOutcome.Saved;

    /// <summary>The first page of the tenant's tickets, newest first, optionally of one status.</summary>
    public static async Task<IReadOnlyList<Ticket>> ListAsync(this ITicketStore store, TenantId tenantId, TicketStatus? status, int limit,
        CancellationToken cancellationToken = default) =>
        (await store.ListAsync(tenantId, new TicketQuery(Status: status, Limit: limit), cancellationToken)).Items;
}
