using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Atendimento.Routing.Tickets;

namespace Atendimento.Bot.Dialogs;

/// <summary>A step of a dialog file; <see cref="Branches"/> are the nested step lists a position can enter.</summary>
public abstract record DialogStep(int Line)
{
    public virtual IReadOnlyList<IReadOnlyList<DialogStep>> Branches => [];

    /// <summary>What a waiting step collects ("ask:cpf"), so an edited file can tell whether the step is still the same; null when it never waits.</summary>
    public virtual string? Awaits => null;

    /// <summary>Every path in <paramref name="steps"/>, depth first, each with its step.</summary>
    public static IEnumerable<(IReadOnlyList<int> Path, DialogStep Step)> Walk(IReadOnlyList<DialogStep> steps)
    {
        for (var i = 0; i < steps.Count; i++)
        {
            yield return ([i], steps[i]);
            for (var b = 0; b < steps[i].Branches.Count; b++)
            {
                foreach (var (path, step) in Walk(steps[i].Branches[b]))
                {
                    yield return ([i, b, .. path], step);
                }
            }
        }
    }

    /// <summary>The step at <paramref name="path"/>: [step] or [step, branch, step, ...]; null when the path leads nowhere.</summary>
    public static DialogStep? Resolve(IReadOnlyList<DialogStep> steps, IReadOnlyList<int> path)
    {
        if (path.Count == 0 || path[0] < 0 || path[0] >= steps.Count)
        {
            return null;
        }
        var step = steps[path[0]];
        if (path.Count == 1)
        {
            return step;
        }
        return path.Count >= 3 && path[1] >= 0 && path[1] < step.Branches.Count
            ? Resolve(step.Branches[path[1]], path.Skip(2).ToList())
            : null;
    }
}

public sealed record SayStep(int Line, string Text) : DialogStep(Line);

public sealed record AskStep(int Line, string Variable, string Prompt, string Validator, string RetryPrompt, int MaxRetries) : DialogStep(Line)
{
    public override string Awaits => $"ask:{Variable}";
}

public sealed record ChoiceStep(int Line, string Variable, string Prompt, IReadOnlyList<ChoiceOption> Options) : DialogStep(Line)
{
    public override IReadOnlyList<IReadOnlyList<DialogStep>> Branches => Options.Select(o => o.Then).ToList();

    public override string Awaits => $"choice:{Variable}";
}

public sealed record ChoiceOption(string Title, IReadOnlyList<DialogStep> Then);

public sealed record HandoffStep(int Line, string Reason, SupportLevel Level, string Queue, IReadOnlyList<string> Skills) : DialogStep(Line);

/// <summary>Stores <see cref="Value"/>, with {placeholders} filled from what was collected, in <see cref="Variable"/>.</summary>
public sealed record SetStep(int Line, string Variable, string Value) : DialogStep(Line);

/// <summary>Runs <see cref="Then"/> when the condition on a collected value holds, else <see cref="Else"/>; then the steps after it.</summary>
public sealed record BranchStep(int Line, string Variable, BranchCondition Condition, IReadOnlyList<DialogStep> Then, IReadOnlyList<DialogStep> Else) : DialogStep(Line)
{
    public override IReadOnlyList<IReadOnlyList<DialogStep>> Branches => [Then, Else];
}

public enum BranchOperator
{
    Equals,
    In,
    Matches,
}

/// <summary>equals / in compare ignoring case and surrounding spaces; matches is a regular expression (case-insensitive).</summary>
public sealed record BranchCondition(BranchOperator Operator, IReadOnlyList<string> Values, Regex? Pattern)
{
    public bool Holds(string? value) => value is not null && Operator switch
    {
        BranchOperator.Matches => Pattern!.IsMatch(value),
        _ => Values.Any(v => string.Equals(v.Trim(), value.Trim(), StringComparison.OrdinalIgnoreCase)),
    };
}

/// <summary>Starts another intent's dialog on top of this one; when it completes, this one goes on after the step.</summary>
public sealed record DialogCallStep(int Line, string Intent) : DialogStep(Line)
{
    public override string Awaits => $"dialog:{Intent}";
}

/// <summary>
/// Calls a business backend named in configuration: <see cref="Path"/> and string values of <see cref="Body"/> take
/// {placeholders}; <see cref="Map"/> copies response fields (dotted paths) into variables. When the call fails,
/// <see cref="OnError"/> runs instead of the rest of the dialog, or without it the conversation is handed off (bot_error).
/// </summary>
public sealed record HttpStep(
    int Line,
    string Backend,
    HttpMethod Method,
    string Path,
    JsonNode? Body,
    TimeSpan Timeout,
    int Retries,
    IReadOnlyDictionary<string, string> Map,
    IReadOnlyList<DialogStep>? OnError) : DialogStep(Line)
{
    public override IReadOnlyList<IReadOnlyList<DialogStep>> Branches => OnError is null ? [] : [OnError];
}
