using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Atendimento.Routing;

/// <summary>The routing module's trace source and meter, named after the module.</summary>
public static class RoutingTelemetry
{
    public const string Name = "Atendimento.Routing";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    public static readonly Counter<long> TicketTransitions = Meter.CreateCounter<long>("atendimento.tickets.transitions", description: "Ticket lifecycle transitions, by trigger");

    public static readonly Counter<long> AgentMessages = Meter.CreateCounter<long>("atendimento.tickets.agent_messages", description: "Messages agents sent to customers");

    public static readonly Counter<long> SlaEvents = Meter.CreateCounter<long>("atendimento.sla.events", description: "SLA warnings and breaches raised, by moment");

    public static readonly Histogram<double> SlaEventDelay = Meter.CreateHistogram<double>("atendimento.sla.event_delay", unit: "ms", description: "Time from an SLA moment to its event");

    public static readonly Counter<long> Assignments = Meter.CreateCounter<long>("atendimento.routing.assignments", description: "Tickets given to agents by routing, by mode (push, pick)");

    public static readonly Counter<long> Overflows = Meter.CreateCounter<long>("atendimento.routing.overflows", description: "Tickets that waited longer than their queue allows and moved on");
}
