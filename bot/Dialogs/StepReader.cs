using YamlDotNet.RepresentationModel;

namespace Atendimento.Bot.Dialogs;

/// <summary>
/// Reads the step lists of an intent. <c>known</c> holds the variables defined on the path so far: each step adds
/// what it collects, and each branch gets its own copy, so a variable set inside a branch is unknown after it.
/// </summary>
internal static partial class StepReader
{
    private static readonly string[] StepKinds = ["say", "ask", "choice", "handoff", "set", "branch", "http", "dialog"];

    public static IReadOnlyList<DialogStep> ReadList(YamlReader reader, YamlMappingNode parent, string key, HashSet<string> known)
    {
        var steps = new List<DialogStep>();
        var reportedUnreachable = false;
        foreach (var node in reader.Maps(parent, key))
        {
            if (!reportedUnreachable && steps.Count > 0 && EndsTheDialog(steps[^1]))
            {
                reader.Error(YamlReader.Line(node), steps[^1] is HandoffStep
                    ? "unreachable step: it comes after a handoff"
                    : $"unreachable step: every branch of the step at line {steps[^1].Line} hands off");
                reportedUnreachable = true;
            }
            if (Read(reader, node, known) is { } step)
            {
                steps.Add(step);
            }
        }
        return steps;
    }

    /// <summary>A handoff, or a choice or branch whose every way hands off: nothing after it can run.</summary>
    private static bool EndsTheDialog(DialogStep step) => step switch
    {
        HandoffStep => true,
        ChoiceStep or BranchStep => step.Branches.All(branch => branch.Count > 0 && EndsTheDialog(branch[^1])),
        _ => false,
    };

    private static DialogStep? Read(YamlReader reader, YamlMappingNode node, HashSet<string> known)
    {
        var line = YamlReader.Line(node);
        var kind = StepKinds.FirstOrDefault(k => reader.Optional(node, k) is not null);
        return kind switch
        {
            "say" => ReadSay(reader, node, line, known),
            "ask" => ReadAsk(reader, node, line, known),
            "choice" => ReadChoice(reader, node, line, known),
            "handoff" => ReadHandoff(reader, node),
            "set" => ReadSet(reader, node, line, known),
            "branch" => ReadBranch(reader, node, line, known),
            "http" => ReadHttp(reader, node, line, known),
            "dialog" => ReadDialogCall(reader, node, line),
            _ => Unknown(reader, line),
        };
    }

    private static DialogStep? Unknown(YamlReader reader, int line)
    {
        reader.Error(line, $"unknown step: expected one of {string.Join(", ", StepKinds)}");
        return null;
    }

    private static SayStep? ReadSay(YamlReader reader, YamlMappingNode node, int line, HashSet<string> known)
    {
        reader.RejectUnknownKeys(node, "say");
        if (reader.String(node, "say") is not { } text)
        {
            return null;
        }
        CheckPlaceholders(reader, line, text, known);
        return new SayStep(line, text);
    }

    private static AskStep? ReadAsk(YamlReader reader, YamlMappingNode node, int line, HashSet<string> known)
    {
        reader.RejectUnknownKeys(node, "ask", "prompt", "validator", "retryPrompt", "maxRetries");
        var variable = reader.String(node, "ask");
        var prompt = reader.String(node, "prompt");
        var validator = reader.String(node, "validator", required: false) ?? "text";
        var retry = reader.String(node, "retryPrompt", required: false) ?? prompt;
        var maxRetries = (int)reader.Number(node, "maxRetries", 2, 0, 10);
        if (!Validators.All.ContainsKey(validator))
        {
            reader.Error(YamlReader.Line(node, "validator"), $"unknown validator '{validator}' (expected one of: {string.Join(", ", Validators.All.Keys)})");
        }
        CheckPlaceholders(reader, YamlReader.Line(node, "prompt"), prompt, known);
        CheckPlaceholders(reader, YamlReader.Line(node, "retryPrompt"), retry, known);
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
        CheckPlaceholders(reader, YamlReader.Line(node, "prompt"), prompt, known);
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

    private static HandoffStep? ReadHandoff(YamlReader reader, YamlMappingNode node)
    {
        reader.RejectUnknownKeys(node, "handoff");
        return reader.Map(node, "handoff") is { } spec ? PolicyReader.ReadHandoff(reader, spec) : null;
    }

    private static SetStep? ReadSet(YamlReader reader, YamlMappingNode node, int line, HashSet<string> known)
    {
        reader.RejectUnknownKeys(node, "set", "value");
        var variable = reader.String(node, "set");
        var value = reader.String(node, "value");
        CheckPlaceholders(reader, YamlReader.Line(node, "value"), value, known);
        if (variable is null || value is null)
        {
            return null;
        }
        CheckVariableName(reader, YamlReader.Line(node, "set"), variable);
        known.Add(variable);
        return new SetStep(line, variable, value);
    }

    private static DialogCallStep? ReadDialogCall(YamlReader reader, YamlMappingNode node, int line)
    {
        reader.RejectUnknownKeys(node, "dialog");
        return reader.String(node, "dialog") is { } intent ? new DialogCallStep(line, intent) : null;
    }

    private static void CheckPlaceholders(YamlReader reader, int line, string? text, HashSet<string> known)
    {
        foreach (var name in text is null ? [] : Placeholders.Names(text).Distinct(StringComparer.Ordinal))
        {
            CheckKnown(reader, line, name, known);
        }
    }

    private static void CheckKnown(YamlReader reader, int line, string name, HashSet<string> known)
    {
        if (!known.Contains(name))
        {
            reader.Error(line, $"unknown variable '{name}': no earlier ask, choice, set or http step defines it on this path");
        }
    }

    private static void CheckVariableName(YamlReader reader, int line, string name)
    {
        if (!VariableName().IsMatch(name))
        {
            reader.Error(line, $"variable name '{name}' must be letters, digits and _ (starting with a letter or _)");
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial System.Text.RegularExpressions.Regex VariableName();
}
