using Atendimento.Routing.Agents;
using Atendimento.Routing.Delivery;
using Atendimento.Routing.Tickets;

namespace Atendimento.Routing.Tests.Delivery;

/// <summary>The customer port, recording every call instead of reaching a channel.</summary>
internal sealed class RecordingCustomerConversations : ICustomerConversations
{
    public List<(Ticket Ticket, Agent Agent, TicketMessage Message)> Delivered { get; } = [];

    public List<(Ticket Ticket, Agent Agent)> Accepted { get; } = [];

    public List<Ticket> Resolved { get; } = [];

    public Task DeliverAgentMessageAsync(Ticket ticket, Agent agent, TicketMessage message, CancellationToken cancellationToken = default)
    {
        Delivered.Add((ticket with { }, agent, message));
        return Task.CompletedTask;
    }

    public Task TicketAcceptedAsync(Ticket ticket, Agent agent, CancellationToken cancellationToken = default)
    {
        Accepted.Add((ticket with { }, agent));
        return Task.CompletedTask;
    }

    public Task TicketResolvedAsync(Ticket ticket, CancellationToken cancellationToken = default)
    {
        Resolved.Add(ticket with { });
        return Task.CompletedTask;
    }
}
