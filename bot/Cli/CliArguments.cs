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

    public bool Has(string name) => _flags.Contains(name);
}
