using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Tickets;

namespace Atendimento.Routing.Tests.Tickets;

/// <summary>
/// A store where another writer gets in first: before each of the next <see cref="CompetingWrites"/> saves, it reads the
/// ticket, applies <paramref name="competitor"/> and saves that, so the caller's save finds a stale version.
/// </summary>
internal sealed class ContendedTicketStore(ITicketStore inner, Action<Ticket> competitor) : ITicketStore
{
    public int CompetingWrites { get; set; }

    public int SaveAttempts { get; private set; }

    public async Task<SaveOutcome> SaveAsync(IReadOnlyList<TicketUpdate> updates, CancellationToken cancellationToken = default)
    {
        SaveAttempts++;
        if (CompetingWrites > 0)
        {
            CompetingWrites--;
            var ticket = updates[0].Ticket;
            var theirs = (await inner.GetAsync(ticket.TenantId, ticket.Id, cancellationToken))!;
            competitor(theirs);
            if (!await inner.SaveAsync(theirs))
            {
                throw new InvalidOperationException("The competing write should always win.");
            }
        }
        return await inner.SaveAsync(updates, cancellationToken);
    }

    public Task<OpenResult> OpenAsync(NewTicket ticket, IReadOnlyList<NewTicketMessage> transcript, CancellationToken cancellationToken = default) =>
        inner.OpenAsync(ticket, transcript, cancellationToken);

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
