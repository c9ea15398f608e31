using System.Globalization;
using Atendimento.Bot.Recognition.Evaluation;

namespace Atendimento.Bot.Cli;

/// <summary>The human-readable evaluation report.</summary>
internal static class ReportWriter
{
    public static void Write(EvaluationReport report, TextWriter output)
    {
        output.WriteLine($"configuration: {report.Configuration}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"trained on {report.TrainCount} examples, {report.IntentCount} intents, in {report.TrainingSeconds:0.00} s"));
        WriteValidation(report.Validation, output);
        var test = report.Test;
        output.WriteLine($"test: {test.Count} rows ({test.InScopeCount} in scope, {test.OutOfScopeCount} out of scope)");
        output.WriteLine($"  in-scope accuracy:           {Percent(test.InScopeAccuracy)}  (a rejected in-scope message counts wrong)");
        output.WriteLine($"  accuracy without rejection:  {Percent(test.AccuracyWithoutRejection)}");
        output.WriteLine($"  in-scope rejected:           {Percent(test.InScopeRejectionRate)}");
        if (test.OutOfScopeCount > 0)
        {
            output.WriteLine($"  out-of-scope recall:         {Percent(test.OutOfScopeRecall)}");
            output.WriteLine($"  out-of-scope precision:      {Percent(test.OutOfScopePrecision)}");
            output.WriteLine($"  out-of-scope F1:             {Percent(test.OutOfScopeF1)}");
            output.WriteLine($"  AUROC (in scope vs out of scope, by top probability): {test.Auroc?.ToString("0.0000", CultureInfo.InvariantCulture)}");
        }
        else
        {
            output.WriteLine("  out-of-scope recall/precision/F1, AUROC: n/a (no out-of-scope rows; pass --oos-label)");
        }
        output.WriteLine("most confused (expected -> predicted: count):");
        foreach (var pair in test.MostConfused)
        {
            output.WriteLine($"  {pair.Expected} -> {pair.Predicted}: {pair.Count}");
        }
    }

    public static void WriteValidation(ValidationSummary validation, TextWriter output)
    {
        output.WriteLine($"validation: {validation.Source}, {validation.Count} rows ({validation.OutOfScopeCount} out of scope)");
        output.WriteLine($"  accuracy without rejection:  {Percent(validation.Accuracy)}");
        output.WriteLine($"  in-scope accuracy:           {Percent(validation.InScopeAccuracy)}  (after the threshold below)");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  temperature:                 {validation.Temperature:0.000} (NLL {validation.NllBeforeCalibration:0.0000} -> {validation.NllAfterCalibration:0.0000})"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  rejection threshold:         top probability < {validation.Threshold.Value:0.0000}; {validation.Threshold.Rule}"));
        if (validation.SimulatedOutOfScopeCount > 0)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  simulated out of scope:      {validation.SimulatedOutOfScopeCount} rows of held-out intents; recall {Percent(validation.SimulatedOutOfScopeRecall)}, AUROC {validation.SimulatedOutOfScopeAuroc:0.0000}"));
        }
    }

    private static string Percent(double? value) =>
        value is { } v && !double.IsNaN(v) ? (v * 100).ToString("0.00", CultureInfo.InvariantCulture) + " %" : "n/a";
}
