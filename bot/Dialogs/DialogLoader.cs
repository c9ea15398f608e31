using System.Text.RegularExpressions;
using Atendimento.Handoff;
using Atendimento.Routing.Tickets;
using YamlDotNet.RepresentationModel;

namespace Atendimento.Bot.Dialogs;

/// <summary>
/// Loads <c>bot.yaml</c> and <c>intents/*.yaml</c> from a dialogs folder and checks them, reporting every
/// mistake as <c>file:line: message</c>.
/// </summary>
public static partial class DialogLoader
{
    public const string PolicyFile = "bot.yaml";
    public const string IntentsFolder = "intents";

    public static BotDefinition Load(string directory)
    {
        var errors = new List<DialogError>();
        var definition = TryLoad(directory, errors);
        return errors.Count == 0 && definition is not null ? definition : throw new DialogValidationException(errors);
    }

    public static BotDefinition? TryLoad(string directory, List<DialogError> errors)
    {
        var policyPath = Path.Combine(directory, PolicyFile);
        if (!File.Exists(policyPath))
        {
            errors.Add(new DialogError(policyPath, 1, "the bot policy file is missing"));
            return null;
        }
        var intents = LoadIntents(directory, errors);
        var policy = PolicyReader.Read(new YamlReader(policyPath, errors), File.ReadAllText(policyPath));
        if (policy is null)
        {
            return null;
        }
        CheckMenu(policyPath, policy, intents, errors);
        DialogCallChecks.Check(intents, errors);
        return new BotDefinition(policy, intents);
    }

    private static List<IntentDefinition> LoadIntents(string directory, List<DialogError> errors)
    {
        var intents = new List<IntentDefinition>();
        var folder = Path.Combine(directory, IntentsFolder);
        var files = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal) : Enumerable.Empty<string>();
        foreach (var file in files)
        {
            var reader = new YamlReader(file, errors);
            var text = File.ReadAllText(file);
            if (reader.LoadRoot(text) is not { } root || ReadIntent(reader, root, VersionOf(text)) is not { } intent)
            {
                continue;
            }
            if (intents.Any(existing => existing.Name == intent.Name))
            {
                reader.Error(YamlReader.Line(root, "intent"), $"duplicate intent '{intent.Name}' (also defined in {intents.First(i => i.Name == intent.Name).File})");
                continue;
            }
            intents.Add(intent);
        }
        return intents;
    }

    /// <summary>A short hash of the file: conversations record it, so a later turn knows the dialog was edited under it.</summary>
    private static string VersionOf(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..12];

    private static IntentDefinition? ReadIntent(YamlReader reader, YamlMappingNode root, string version)
    {
        reader.RejectUnknownKeys(root, "intent", "title", "examples", "interrupts", "steps");
        var name = reader.String(root, "intent");
        var title = reader.String(root, "title");
        var examples = reader.Strings(root, "examples");
        var interrupts = reader.Boolean(root, "interrupts");
        var steps = StepReader.ReadList(reader, root, "steps", new HashSet<string>(StringComparer.Ordinal));
        if (name is not null && !IntentName().IsMatch(name))
        {
            reader.Error(YamlReader.Line(root, "intent"), $"intent name '{name}' must be lower_snake_case");
        }
        return name is null || title is null ? null : new IntentDefinition(name, title, examples, interrupts, steps, reader.File, version);
    }

    private static void CheckMenu(string file, BotPolicy policy, List<IntentDefinition> intents, List<DialogError> errors)
    {
        foreach (var option in policy.Menu.Options.Where(option => intents.All(i => i.Name != option.Intent)))
        {
            errors.Add(new DialogError(file, option.Line, $"menu option '{option.Title}' names unknown intent '{option.Intent}'"));
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex IntentName();
}
