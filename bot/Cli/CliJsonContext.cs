using System.Text.Json.Serialization;
using Atendimento.Bot.Recognition.Evaluation;

namespace Atendimento.Bot.Cli;

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(EvaluationReport))]
[JsonSerializable(typeof(TrainingSummary))]
[JsonSerializable(typeof(IReadOnlyList<TuningResult>))]
[JsonSerializable(typeof(DialogThresholds))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
