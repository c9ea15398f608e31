using Atendimento.Routing.Agents;
using Atendimento.Routing.Delivery;
using Atendimento.Routing.Tickets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Atendimento.Routing.Tests.Tickets;

/// <summary>A <see cref="TicketService"/> wired by hand over a given store, agents, customer port, clock and options.</summary>
internal static class TicketServices
{
    public static TicketService Create(ITicketStore store, ICustomerConversations customers, TimeProvider clock,
        IAgentDirectory? agents = null, TicketOptions? options = null, ITicketEvents? events = null)
    {
        var wrapped = Options.Create(options ?? new TicketOptions());
        var writer = new TicketWriter(store, clock, NullLogger<TicketWriter>.Instance, events);
        return new TicketService(writer, store, agents ?? new InMemoryAgentDirectory(), customers, new SlaPolicy(wrapped), wrapped);
    }
}
