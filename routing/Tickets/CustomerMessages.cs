using Atendimento.Platform.Tenancy;

namespace Atendimento.Routing.Tickets;

/// <summary>
/// What a customer's message does to the ticket that holds their conversation: the last-customer-message time,
/// and a ticket waiting on the customer goes back to in progress (audited as the customer's doing).
/// </summary>
public sealed class CustomerMessages(TicketWriter writer)
{
    public Task<TicketCommandResult> RecordAsync(TenantId tenant, TicketId id, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        writer.ChangeAsync(tenant, id, TicketActor.Customer, null, ticket => ticket.RecordCustomerMessage(at), cancellationToken);
}
