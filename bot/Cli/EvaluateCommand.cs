using System.Text.Json;
using Atendimento.Bot.Recognition.Evaluation;

namespace Atendimento.Bot.Cli;

/// <summary><c>dialogs evaluate</c>: train, choose temperature and threshold on validation, then score the test file once.</summary>
internal static class EvaluateCommand
{
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        var (inputs, failure) = CommandInputs.Parse(args, needsTest: true);
        if (inputs is null)
        {
            return DialogsCli.Fail(error, failure!);
        }
        var report = RecognizerEvaluator.Evaluate(inputs.Train, inputs.Validation, inputs.Test!, inputs.Settings);
        if (inputs.Json)
        {
            output.WriteLine(JsonSerializer.Serialize(report, CliJsonContext.Default.EvaluationReport));
        }
        else
        {
            ReportWriter.Write(report, output);
        }
        return DialogsCli.Ok;
    }
}
