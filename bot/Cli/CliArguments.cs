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
        System.IO.Path.IsPathRooted(path)
            ? path
            : System.IO.Path.GetFullPath(path, Environment.GetEnvironmentVariable("PWD") is { Length: > 0 } pwd && Directory.Exists(pwd) ? pwd : Environment.CurrentDirectory);

    public bool Has(string name) => _flags.Contains(name);
}
