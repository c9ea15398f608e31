using Atendimento.Platform.Tenancy;

namespace Atendimento.Routing.Tickets;

/// <summary>
/// Tickets and their message logs. The in-memory and the PostgreSQL implementations run the same
/// contract tests (tests/Atendimento.Routing.Tests/Tickets/TicketStoreContract.cs).
/// </summary>
public interface ITicketStore
{
    /// <summary>
    /// Opens a ticket with the transcript so far, or returns the conversation's active ticket when it already
    /// has one (a retried handoff must not open a second ticket). <see cref="OpenResult.Created"/> tells which.
    /// </summary>
    Task<OpenResult> OpenAsync(NewTicket ticket, IReadOnlyList<NewTicketMessage> transcript, CancellationToken cancellationToken = default);

    Task<Ticket?> GetAsync(TenantId tenantId, TicketId id, CancellationToken cancellationToken = default);

    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<Ticket>> ListAsync(TenantId tenantId, TicketStatus? status, int limit, CancellationToken cancellationToken = default);

    /// <summary>Saves a changed ticket if nobody saved it since it was read; false means reload and retry.</summary>
    Task<bool> SaveAsync(Ticket ticket, CancellationToken cancellationToken = default);

    /// <summary>Appends with the next sequence; a message whose ExternalId is already on the ticket returns that line instead.</summary>
    Task<TicketMessage> AppendMessageAsync(TenantId tenantId, TicketId id, NewTicketMessage message, CancellationToken cancellationToken = default);

    /// <summary>
    /// Like <see cref="AppendMessageAsync"/>, but only while the ticket is open or in progress, checked under the
    /// same lock as the append: null means the ticket ended first (a customer message racing a resolve).
    /// </summary>
    Task<TicketMessage?> AppendWhileActiveAsync(TenantId tenantId, TicketId id, NewTicketMessage message, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<TicketMessage>> GetMessagesAsync(TenantId tenantId, TicketId id, CancellationToken cancellationToken = default);
}

public sealed record OpenResult(Ticket Ticket, bool Created);
