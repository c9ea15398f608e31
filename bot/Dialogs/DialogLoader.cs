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
            if (reader.LoadRoot(File.ReadAllText(file)) is not { } root || ReadIntent(reader, root) is not { } intent)
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

    private static IntentDefinition? ReadIntent(YamlReader reader, YamlMappingNode root)
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
        return name is null || title is null ? null : new IntentDefinition(name, title, examples, interrupts, steps, reader.File);
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

/// <summary>Reads the step lists of an intent; variables flow from earlier steps into later ones.</summary>
internal static partial class StepReader
{
    private static readonly string[] Validators = ["text", "cpf", "digits"];

    public static IReadOnlyList<DialogStep> ReadList(YamlReader reader, YamlMappingNode parent, string key, HashSet<string> known)
    {
        var steps = new List<DialogStep>();
        foreach (var node in reader.Maps(parent, key))
        {
            if (steps.LastOrDefault() is HandoffStep)
            {
                reader.Error(YamlReader.Line(node), "unreachable step: it comes after a handoff");
            }
            if (Read(reader, node, known) is { } step)
            {
                steps.Add(step);
            }
        }
        return steps;
    }

    private static DialogStep? Read(YamlReader reader, YamlMappingNode node, HashSet<string> known)
    {
        var line = YamlReader.Line(node);
        if (reader.Optional(node, "say") is { } say)
        {
            reader.RejectUnknownKeys(node, "say");
            var text = (say as YamlScalarNode)?.Value;
            if (string.IsNullOrWhiteSpace(text))
            {
                reader.Error(line, "'say' needs the text to say");
                return null;
            }
            CheckPlaceholders(reader, line, text, known);
            return new SayStep(line, text);
        }
        if (reader.Optional(node, "ask") is not null)
        {
            return ReadAsk(reader, node, line, known);
        }
        if (reader.Optional(node, "choice") is not null)
        {
            return ReadChoice(reader, node, line, known);
        }
        if (reader.Optional(node, "handoff") is not null)
        {
            return ReadHandoff(reader, node, line);
        }
        reader.Error(line, "unknown step: expected one of say, ask, choice, handoff");
        return null;
    }

    private static AskStep? ReadAsk(YamlReader reader, YamlMappingNode node, int line, HashSet<string> known)
    {
        reader.RejectUnknownKeys(node, "ask", "prompt", "validator", "retryPrompt", "maxRetries");
        var variable = reader.String(node, "ask");
        var prompt = reader.String(node, "prompt");
        var validator = reader.String(node, "validator", required: false) ?? "text";
        var retry = reader.String(node, "retryPrompt", required: false) ?? prompt;
        var maxRetries = (int)reader.Number(node, "maxRetries", 2, 0, 10);
        if (!Validators.Contains(validator, StringComparer.Ordinal))
        {
            reader.Error(YamlReader.Line(node, "validator"), $"unknown validator '{validator}' (expected one of: {string.Join(", ", Validators)})");
        }
        if (variable is null || prompt is null)
        {
            return null;
        }
        known.Add(variable);
        return new AskStep(line, variable, prompt, validator, retry!, maxRetries);
    }

    private static ChoiceStep? ReadChoice(YamlReader reader, YamlMappingNode node, int line, HashSet<string> known)
    {
        reader.RejectUnknownKeys(node, "choice", "prompt", "options");
        var variable = reader.String(node, "choice");
        var prompt = reader.String(node, "prompt");
        if (variable is not null)
        {
            known.Add(variable);
        }
        var options = new List<ChoiceOption>();
        foreach (var option in reader.Maps(node, "options"))
        {
            reader.RejectUnknownKeys(option, "title", "then");
            var title = reader.String(option, "title");
            var then = reader.Optional(option, "then") is null ? [] : ReadList(reader, option, "then", new HashSet<string>(known, StringComparer.Ordinal));
            if (title is not null)
            {
                options.Add(new ChoiceOption(title, then));
            }
        }
        if (options.Count is 0 or > 10)
        {
            reader.Error(line, "a choice needs between 1 and 10 options");
        }
        return variable is null || prompt is null ? null : new ChoiceStep(line, variable, prompt, options);
    }

    private static HandoffStep? ReadHandoff(YamlReader reader, YamlMappingNode node, int line)
    {
        reader.RejectUnknownKeys(node, "handoff");
        return reader.Map(node, "handoff") is { } spec ? PolicyReader.ReadHandoff(reader, spec) : null;
    }

    private static void CheckPlaceholders(YamlReader reader, int line, string text, HashSet<string> known)
    {
        foreach (Match match in Placeholder().Matches(text))
        {
            if (!known.Contains(match.Groups[1].Value))
            {
                reader.Error(line, $"unknown variable '{match.Groups[1].Value}': no earlier ask or choice sets it");
            }
        }
    }

    [GeneratedRegex(@"\{([A-Za-z_][A-Za-z0-9_]*)\}")]
    internal static partial Regex Placeholder();
}

/// <summary>Reads <c>bot.yaml</c>.</summary>
internal static class PolicyReader
{
    public static BotPolicy? Read(YamlReader reader, string text)
    {
        if (reader.LoadRoot(text) is not { } root)
        {
            return null;
        }
        reader.RejectUnknownKeys(root, "greeting", "menu", "answerThreshold", "maxFailedAttempts", "notUnderstood", "fallbackHandoff", "messages");
        var greeting = reader.Strings(root, "greeting");
        var menu = reader.Map(root, "menu") is { } menuNode ? ReadMenu(reader, menuNode) : null;
        var threshold = reader.Number(root, "answerThreshold", 0.6, 0.05, 1);
        var maxFailed = (int)reader.Number(root, "maxFailedAttempts", 2, 1, 10);
        var notUnderstood = reader.String(root, "notUnderstood");
        var fallback = reader.Map(root, "fallbackHandoff") is { } handoffNode ? ReadHandoff(reader, handoffNode) : null;
        var messages = reader.Map(root, "messages") is { } messagesNode ? ReadMessages(reader, messagesNode) : null;
        return menu is null || notUnderstood is null || fallback is null || messages is null
            ? null
            : new BotPolicy(greeting, menu, threshold, maxFailed, notUnderstood, fallback, messages);
    }

    public static HandoffStep? ReadHandoff(YamlReader reader, YamlMappingNode spec)
    {
        reader.RejectUnknownKeys(spec, "reason", "level", "queue", "skills");
        var line = YamlReader.Line(spec);
        var reason = reader.String(spec, "reason");
        var levelText = reader.String(spec, "level");
        var queue = reader.String(spec, "queue");
        var skills = reader.Strings(spec, "skills", required: false);
        if (reason is not null && !HandoffReasons.All.Contains(reason))
        {
            reader.Error(YamlReader.Line(spec, "reason"), $"unknown handoff reason '{reason}' (expected one of: {string.Join(", ", HandoffReasons.All)})");
        }
        if (levelText is not null && !Enum.TryParse<SupportLevel>(levelText, out _))
        {
            reader.Error(YamlReader.Line(spec, "level"), $"unknown level '{levelText}' (expected N1, N2 or N3)");
        }
        return reason is null || queue is null || !Enum.TryParse<SupportLevel>(levelText, out var level)
            ? null
            : new HandoffStep(line, reason, level, queue, skills);
    }

    private static MainMenu? ReadMenu(YamlReader reader, YamlMappingNode node)
    {
        reader.RejectUnknownKeys(node, "prompt", "options");
        var prompt = reader.String(node, "prompt");
        var options = new List<MenuOption>();
        foreach (var option in reader.Maps(node, "options"))
        {
            reader.RejectUnknownKeys(option, "title", "intent");
            if (reader.String(option, "title") is { } title && reader.String(option, "intent") is { } intent)
            {
                options.Add(new MenuOption(title, intent, YamlReader.Line(option, "intent")));
            }
        }
        return prompt is null ? null : new MainMenu(prompt, options);
    }

    private static BotMessages? ReadMessages(YamlReader reader, YamlMappingNode node)
    {
        reader.RejectUnknownKeys(node, "handoffStarted", "agentJoined", "ticketResolved", "botError");
        var started = reader.String(node, "handoffStarted");
        var joined = reader.String(node, "agentJoined");
        var resolved = reader.String(node, "ticketResolved");
        var error = reader.String(node, "botError");
        return started is null || joined is null || resolved is null || error is null ? null : new BotMessages(started, joined, resolved, error);
    }
}
