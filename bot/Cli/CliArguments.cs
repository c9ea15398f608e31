namespace Atendimento.Bot.Cli;

/// <summary>"--name value" options and "--flag" switches after the verb; anything else is an error.</summary>
internal sealed class CliArguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    private CliArguments()
    {
    }

    public static (CliArguments? Arguments, string? Error) Parse(IReadOnlyList<string> args, IReadOnlySet<string> valueOptions, IReadOnlySet<string> flags)
    {
        var parsed = new CliArguments();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (flags.Contains(name))
            {
                parsed._flags.Add(name);
            }
            else if (valueOptions.Contains(name))
            {
                if (i + 1 >= args.Count)
                {
                    return (null, $"{name} needs a value");
                }
                parsed._values[name] = args[++i];
            }
            else
            {
                return (null, $"unknown argument '{name}'");
            }
        }
        return (parsed, null);
    }

    public string? Value(string name) => _values.GetValueOrDefault(name);

    /// <summary>
    /// A file or folder option, resolved against the directory the designer typed the command in. `dotnet run`
    /// starts a web project in its own folder, so the process's current directory is bot/, not theirs; the
    /// shell's PWD still names theirs.
    /// </summary>
    public string? Path(string name) => Value(name) is { } path ? ResolveFromCaller(path) : null;

    internal static string ResolveFromCaller(string path) =>
        ResolveFromCaller(path, Environment.CurrentDirectory, Environment.GetEnvironmentVariable("PWD"));

    /// <summary>
    /// PWD is only trusted when the process runs in the bot project's own folder (what `dotnet run` does); any other
    /// launcher that set a working directory meant it, and PWD may be stale there.
    /// </summary>
    internal static string ResolveFromCaller(string path, string currentDirectory, string? pwd)
    {
        if (System.IO.Path.IsPathRooted(path))
        {
            return path;
        }
        var movedByDotnetRun = File.Exists(System.IO.Path.Combine(currentDirectory, "Atendimento.Bot.csproj"));
        var caller = movedByDotnetRun && pwd is { Length: > 0 } && Directory.Exists(pwd) ? pwd : currentDirectory;
        return System.IO.Path.GetFullPath(path, caller);
    }

    public bool Has(string name) => _flags.Contains(name);
}
