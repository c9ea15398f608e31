using Atendimento.Bot.Dialogs;

namespace Atendimento.Bot.Cli;

/// <summary>The <c>--dialogs DIR</c> option of validate and test; without it, the dialogs folder of the checkout the command runs in.</summary>
internal static class DialogsFolderOption
{
    public static readonly IReadOnlySet<string> Options = new HashSet<string>(StringComparer.Ordinal) { "--dialogs" };

    public static string Resolve(CliArguments arguments)
    {
        if (arguments.Path("--dialogs") is { } given)
        {
            return given;
        }
        string[] candidates = [CliArguments.ResolveFromCaller("dialogs"), CliArguments.ResolveFromCaller(Path.Combine("..", "dialogs")), Path.Combine(AppContext.BaseDirectory, "dialogs")];
        return candidates.FirstOrDefault(path => File.Exists(Path.Combine(path, DialogLoader.PolicyFile))) ?? candidates[0];
    }
}
