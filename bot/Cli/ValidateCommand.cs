using Atendimento.Bot.Dialogs;
using Atendimento.Bot.Dialogs.Transcripts;

namespace Atendimento.Bot.Cli;

/// <summary><c>dialogs validate [--dialogs DIR]</c>: checks the dialogs and their transcript tests, printing every mistake as file:line: message.</summary>
internal static class ValidateCommand
{
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        var (arguments, failure) = CliArguments.Parse(args, DialogsFolderOption.Options, new HashSet<string>());
        if (arguments is null)
        {
            return DialogsCli.Fail(error, failure!);
        }
        var directory = DialogsFolderOption.Resolve(arguments);
        var errors = new List<DialogError>();
        var definition = DialogLoader.TryLoad(directory, errors);
        var transcripts = TranscriptReader.ReadFolder(directory, errors);
        errors.ForEach(output.WriteLine);
        if (errors.Count > 0)
        {
            return DialogsCli.Print(output, $"{errors.Count} error(s) in {directory}", DialogsCli.Failed);
        }
        return DialogsCli.Print(output, $"{directory}: {definition!.Intents.Count} intents and {transcripts.Count} transcript tests, no errors", DialogsCli.Ok);
    }
}
