using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Atendimento.Bot.Recognition;
using Atendimento.Bot.Recognition.Evaluation;
using Atendimento.Bot.Recognition.Trained;

namespace Atendimento.Bot.Cli;

/// <summary>
/// <c>dialogs tune</c>: trains each candidate configuration on 90% of the train file and reports its accuracy on the
/// stratified 10% left out (the same split <c>evaluate</c> carves). The test file plays no part.
/// </summary>
internal static class TuneCommand
{
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault() ?? "";
        var (inputs, failure) = CommandInputs.Parse(Without(args, "--only"), needsTest: false);
        if (inputs is null)
        {
            return DialogsCli.Fail(error, failure!);
        }
        var settings = inputs.Settings;
        var (train, validation) = inputs.Validation is null
            ? StratifiedSplit.Split(inputs.Train, settings.ValidationFraction, new Random(settings.Seed))
            : (inputs.Train, inputs.Validation);
        var results = new List<TuningResult>();
        foreach (var (name, options) in TuningCandidates.All.Where(c => c.Name.Contains(only, StringComparison.Ordinal)))
        {
            var result = Try(name, options, train, validation, settings.Seed);
            results.Add(result);
            if (!inputs.Json)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{result.Name,-28} accuracy {result.Accuracy * 100:0.00} %  balanced {result.BalancedAccuracy * 100:0.00} %  NLL {result.Nll:0.000}  {result.TrainingSeconds:0.0} s  {result.Configuration}"));
            }
        }
        if (inputs.Json)
        {
            output.WriteLine(JsonSerializer.Serialize<IReadOnlyList<TuningResult>>(results, CliJsonContext.Default.IReadOnlyListTuningResult));
        }
        return DialogsCli.Ok;
    }

    private static List<string> Without(IReadOnlyList<string> args, string option)
    {
        var at = args.ToList().IndexOf(option);
        return at < 0 ? args.ToList() : args.Where((_, i) => i != at && i != at + 1).ToList();
    }

    private static TuningResult Try(string name, TrainedRecognizerOptions options, IReadOnlyList<LabelledExample> train, IReadOnlyList<LabelledExample> validation, int seed)
    {
        var stopwatch = Stopwatch.StartNew();
        var model = TrainedIntentRecognizer.Train(train, options, new Random(seed));
        var seconds = stopwatch.Elapsed.TotalSeconds;
        var probabilities = new float[model.Intents.Count];
        var byIntent = new Dictionary<string, (int Correct, int Total)>(StringComparer.Ordinal);
        var nll = 0.0;
        foreach (var row in validation)
        {
            model.UncalibratedProbabilities(row.Text, probabilities);
            var best = Array.IndexOf(probabilities, probabilities.Max());
            var truth = model.Intents.ToList().IndexOf(row.Intent);
            nll -= Math.Log(Math.Max(truth >= 0 ? probabilities[truth] : 0, 1e-12));
            var (correct, total) = byIntent.GetValueOrDefault(row.Intent);
            byIntent[row.Intent] = (correct + (best == truth ? 1 : 0), total + 1);
        }
        var accuracy = (double)byIntent.Values.Sum(v => v.Correct) / validation.Count;
        var balanced = byIntent.Values.Average(v => (double)v.Correct / v.Total);
        return new TuningResult(name, options.ToString(), accuracy, balanced, nll / validation.Count, seconds);
    }
}

internal sealed record TuningResult(string Name, string Configuration, double Accuracy, double BalancedAccuracy, double Nll, double TrainingSeconds);
