using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Atendimento.Handoff;

public static class HandoffTelemetry
{
    public const string Name = "Atendimento.Handoff";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    public static readonly Counter<long> Handoffs = Meter.CreateCounter<long>("atendimento.handoffs", description: "Conversations handed to a human, by reason and level");

    public static readonly Counter<long> RelayedMessages = Meter.CreateCounter<long>("atendimento.handoff.relayed_messages", description: "Customer messages relayed to a ticket while a human owns the conversation");
}
