using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Tickets;

namespace Atendimento.Routing.Assignment;

/// <summary>
/// The ticket store as the rest of the module sees it: every write that may make assignment possible (a ticket
/// opened, any change of status: queued again, resolved, closed, transferred, cancelled) raises the
/// <see cref="AssignmentSignal"/>. One place, so no ticket path can forget to wake the dispatcher.
/// </summary>
public sealed class SignallingTicketStore(ITicketStore inner, AssignmentSignal signal) : ITicketStore
{
    public async Task<OpenResult> OpenAsync(NewTicket ticket, IReadOnlyList<NewTicketMessage> transcript, CancellationToken cancellationToken = default)
    {
        var opened = await inner.OpenAsync(ticket, transcript, cancellationToken);
        if (opened.Created)
        {
            await signal.RaiseAsync(cancellationToken);
        }
        return opened;
    }

    public async Task<SaveOutcome> SaveAsync(IReadOnlyList<TicketUpdate> updates, CancellationToken cancellationToken = default)
    {
        var outcome = await inner.SaveAsync(updates, cancellationToken);
        if (outcome == SaveOutcome.Saved && updates.Any(u => u.Audit.Any(a => a.StatusFrom != a.StatusTo || a.StatusTo == TicketStatus.Open)))
        {
            await signal.RaiseAsync(cancellationToken);
        }
        return outcome;
    }

    public Task<Ticket?> GetAsync(TenantId tenantId, TicketId id, CancellationToken cancellationToken = default) =>
        inner.GetAsync(tenantId, id, cancellationToken);

    public Task<TicketPage> ListAsync(TenantId tenantId, TicketQuery query, CancellationToken cancellationToken = default) =>
        inner.ListAsync(tenantId, query, cancellationToken);

    public Task<IReadOnlyList<TicketAuditEntry>> GetAuditAsync(TenantId tenantId, TicketId id, CancellationToken cancellationToken = default) =>
        inner.GetAuditAsync(tenantId, id, cancellationToken);

    public Task<TicketMessage> AppendMessageAsync(TenantId tenantId, TicketId id, NewTicketMessage message, CancellationToken cancellationToken = default) =>
        inner.AppendMessageAsync(tenantId, id, message, cancellationToken);

    public Task<TicketMessage?> AppendWhileActiveAsync(TenantId tenantId, TicketId id, NewTicketMessage message, CancellationToken cancellationToken = default) =>
        inner.AppendWhileActiveAsync(tenantId, id, message, cancellationToken);

    public Task<IReadOnlyList<TicketMessage>> GetMessagesAsync(TenantId tenantId, TicketId id, CancellationToken cancellationToken = default) =>
        inner.GetMessagesAsync(tenantId, id, cancellationToken);
}

/// <summary>The ticket store before <see cref="SignallingTicketStore"/> wraps it; both stores implement <see cref="IAssignmentStore"/> too.</summary>
internal sealed record UnsignalledTicketStore(ITicketStore Store);
