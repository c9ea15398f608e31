using Atendimento.Routing.Agents;
using Atendimento.Routing.Delivery;
using Atendimento.Routing.Sla;
using Atendimento.Routing.Tickets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Atendimento.Routing.Tests.Tickets;

/// <summary>A <see cref="TicketService"/> wired by hand over a given store, agents, customer port, clock and options.</summary>
internal static class TicketServices
{
    public static TicketService Create(ITicketStore store, ICustomerConversations customers, TimeProvider clock,
        IAgentDirectory? agents = null, TicketOptions? options = null, TicketSla? sla = null, ITicketEvents? events = null)
    {
        var wrapped = Options.Create(options ?? new TicketOptions());
        var writer = new TicketWriter(store, clock, NullLogger<TicketWriter>.Instance, sla: sla ?? Sla(wrapped.Value), events: events);
        return new TicketService(writer, store, agents ?? new InMemoryAgentDirectory(), customers, wrapped);
    }

    /// <summary>The SLA hook over <paramref name="options"/>' rows, <paramref name="sla"/>'s calendars and <paramref name="timers"/>.</summary>
    public static TicketSla Sla(TicketOptions options, SlaOptions? sla = null, ISlaTimerStore? timers = null)
    {
        var slaOptions = Options.Create(sla ?? new SlaOptions());
        var policy = new SlaPolicy(Options.Create(options), new SlaCalendars(slaOptions));
        var scheduler = new SlaScheduler(timers ?? new InMemorySlaTimerStore(), new SlaWakeUp(), slaOptions);
        return new TicketSla(policy, scheduler, NullLogger<TicketSla>.Instance);
    }
}
