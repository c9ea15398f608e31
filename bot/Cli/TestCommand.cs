using Atendimento.Bot.Dialogs;
using Atendimento.Bot.Dialogs.Transcripts;

namespace Atendimento.Bot.Cli;

/// <summary>
/// <c>dialogs test [--dialogs DIR] [--only TEXT]</c>: runs the transcript tests in DIR/tests against the real bot in
/// process, printing PASS or FAIL with the first difference for each one.
/// </summary>
internal static class TestCommand
{
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        var (arguments, failure) = CliArguments.Parse(args, new HashSet<string>(DialogsFolderOption.Options) { "--only" }, new HashSet<string>());
        if (arguments is null)
        {
            return DialogsCli.Fail(error, failure!);
        }
        var directory = DialogsFolderOption.Resolve(arguments);
        var errors = new List<DialogError>();
        var transcripts = TranscriptReader.ReadFolder(directory, errors)
            .Where(t => t.Name.Contains(arguments.Value("--only") ?? "", StringComparison.OrdinalIgnoreCase)).ToList();
        DialogLoader.TryLoad(directory, errors);
        if (errors.Count > 0)
        {
            errors.ForEach(output.WriteLine);
            return DialogsCli.Print(output, $"{errors.Count} error(s) in {directory}: no transcript ran", DialogsCli.Failed);
        }
        using var runner = new TranscriptRunner(directory);
        var failed = 0;
        foreach (var transcript in transcripts)
        {
            // One at a time: the CLI's output follows the files' order, and a fresh conversation per transcript keeps them independent.
            var result = runner.RunAsync(transcript).GetAwaiter().GetResult();
            failed += result.Passed ? 0 : 1;
            output.WriteLine(result.Passed ? $"PASS {Path.GetFileName(transcript.File)}: {transcript.Name}" : $"FAIL {Path.GetFileName(transcript.File)}: {transcript.Name}\n     {result.FirstDifference}");
        }
        var summary = $"{transcripts.Count} transcripts: {transcripts.Count - failed} passed, {failed} failed";
        return DialogsCli.Print(output, summary, failed > 0 || transcripts.Count == 0 ? DialogsCli.Failed : DialogsCli.Ok);
    }
}
