using System.Text.RegularExpressions;
using Atendimento.Handoff;
using Atendimento.Routing.Tickets;
using YamlDotNet.RepresentationModel;

namespace Atendimento.Bot.Dialogs;

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
