using Atendimento.Routing.Agents;
using Atendimento.Routing.Tickets;

namespace Atendimento.Routing.Delivery;

/// <summary>
/// The only way routing reaches a customer. Routing knows a conversation as an opaque reference; the bot module
/// implements this port and delivers on whichever channel the customer used.
/// </summary>
public interface ICustomerConversations
{
    Task DeliverAgentMessageAsync(Ticket ticket, Agent agent, TicketMessage message, CancellationToken cancellationToken = default);

    Task TicketAcceptedAsync(Ticket ticket, Agent agent, CancellationToken cancellationToken = default);

    Task TicketResolvedAsync(Ticket ticket, CancellationToken cancellationToken = default);
}
