using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Atendimento.Bot.Recognition;
using Atendimento.Bot.Recognition.Evaluation;
using Atendimento.Bot.Recognition.Trained;

namespace Atendimento.Bot.Cli;

/// <summary>
/// <c>dialogs tune</c>: scores each candidate configuration by k-fold cross-validation over the train file (every
/// row is predicted once by a model trained on the other folds), or on a <c>--val</c> file when one is given. The
/// test file plays no part.
/// </summary>
internal static class TuneCommand
{
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault() ?? "";
        if (args.Contains("--dialogs"))
        {
            var (arguments, problem) = CliArguments.Parse(args, new HashSet<string> { "--dialogs", "--oos", "--oos-share" }, new HashSet<string> { "--json" });
            if (arguments is null)
            {
                return DialogsCli.Fail(error, problem!);
            }
            var share = arguments.Value("--oos-share") ?? TriageThresholds.DefaultOutOfScopeShare.ToString(CultureInfo.InvariantCulture);
            return double.TryParse(share, NumberStyles.Float, CultureInfo.InvariantCulture, out var outOfScopeShare) && outOfScopeShare is > 0 and < 1
                ? DialogThresholdsCommand.Run(arguments.Path("--dialogs")!, arguments.Path("--oos"), outOfScopeShare, arguments.Has("--json"), output, error)
                : DialogsCli.Fail(error, "--oos-share must be a fraction in (0, 1), e.g. 0.25");
        }
        var (inputs, failure) = CommandInputs.Parse(Without(args, "--only"), needsTest: false);
        if (inputs is null)
        {
            return DialogsCli.Fail(error, failure!);
        }
        var results = new List<TuningResult>();
        foreach (var (name, options) in TuningCandidates.All.Where(c => c.Name.Contains(only, StringComparison.Ordinal)))
        {
            var result = Try(name, options, inputs);
            results.Add(result);
            if (!inputs.Json)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{result.Name,-28} accuracy {result.Accuracy * 100:0.00} %  balanced {result.BalancedAccuracy * 100:0.00} %  NLL {result.Nll:0.000}  {result.TrainingSeconds:0.0} s/model  {result.Configuration}"));
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

    private static TuningResult Try(string name, TrainedRecognizerOptions options, CommandInputs inputs)
    {
        var seed = inputs.Settings.Seed;
        var stopwatch = Stopwatch.StartNew();
        var (predictions, models) = inputs.Validation is null
            ? (CrossValidation.Predict(inputs.Train, options, inputs.Settings.Folds, holdOutIntents: false, new Random(seed)), inputs.Settings.Folds)
            : (CrossValidation.PredictWith(TrainedIntentRecognizer.Train(inputs.Train, options, new Random(seed)), inputs.Validation, null), 1);
        var seconds = stopwatch.Elapsed.TotalSeconds / models;
        var byIntent = predictions.GroupBy(p => p.Row.Intent, StringComparer.Ordinal)
            .Select(g => (double)g.Count(p => p.Predicted == p.Row.Intent) / g.Count()).ToList();
        var accuracy = (double)predictions.Count(p => p.Predicted == p.Row.Intent) / predictions.Count;
        var nll = -predictions.Where(p => p.Label >= 0).Average(p => Math.Log(Math.Max(p.Label >= 0 ? p.Raw[p.Label] : 0, 1e-12)));
        return new TuningResult(name, options.ToString(), accuracy, byIntent.Average(), nll, seconds);
    }
}

internal sealed record TuningResult(string Name, string Configuration, double Accuracy, double BalancedAccuracy, double Nll, double TrainingSeconds);
