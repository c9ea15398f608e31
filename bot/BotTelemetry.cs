using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Atendimento.Bot;

public static class BotTelemetry
{
    public const string Name = "Atendimento.Bot";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    public static readonly Counter<long> Turns = Meter.CreateCounter<long>("atendimento.bot.turns", description: "Inbound activities processed, by channel and owner");

    public static readonly Counter<long> DuplicateActivities = Meter.CreateCounter<long>("atendimento.bot.duplicates", description: "Inbound activities ignored because they were already processed");

    public static readonly Counter<long> AbandonedActivities = Meter.CreateCounter<long>("atendimento.bot.outbox.abandoned", description: "Outbound activities set aside after repeated failed sends");

    public static readonly Counter<long> LlmReranks = Meter.CreateCounter<long>("atendimento.bot.llm.reranks", description: "Calls to the optional LLM stage on unsure messages, by outcome (picked, none, failed)");

    public static readonly Histogram<double> TurnDuration = Meter.CreateHistogram<double>("atendimento.bot.turn.duration", unit: "ms", description: "Time to process one inbound activity");
}
