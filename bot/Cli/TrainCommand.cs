using System.Globalization;
using System.Text.Json;
using Atendimento.Bot.Recognition.Evaluation;

namespace Atendimento.Bot.Cli;

/// <summary>
/// <c>dialogs train</c>: trains and calibrates as <c>evaluate</c> does, without a test file, and prints the training
/// time and what validation chose. Nothing is saved: a model would be trained where it is used.
/// </summary>
internal static class TrainCommand
{
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        var (inputs, failure) = CommandInputs.Parse(args, needsTest: false);
        if (inputs is null)
        {
            return DialogsCli.Fail(error, failure!);
        }
        var (model, validation, seconds, trainCount) = RecognizerEvaluator.Fit(inputs.Train, inputs.Validation, inputs.Settings);
        var summary = new TrainingSummary(model.Options.ToString(), trainCount, model.Intents.Count, seconds, validation);
        if (inputs.Json)
        {
            output.WriteLine(JsonSerializer.Serialize(summary, CliJsonContext.Default.TrainingSummary));
            return DialogsCli.Ok;
        }
        output.WriteLine($"configuration: {summary.Configuration}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"trained on {trainCount} examples, {summary.IntentCount} intents, in {seconds:0.00} s"));
        ReportWriter.WriteValidation(validation, output);
        return DialogsCli.Ok;
    }
}

internal sealed record TrainingSummary(string Configuration, int TrainCount, int IntentCount, double TrainingSeconds, ValidationSummary Validation);
