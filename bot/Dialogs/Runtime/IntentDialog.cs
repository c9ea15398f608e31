using Atendimento.Handoff;

namespace Atendimento.Bot.Dialogs.Runtime;

/// <summary>
/// Runs one intent's steps. The active frame's position is a path through the step tree ([step] or
/// [step, branch, step, ...]); steps run until one waits, they run out, or one hands off.
/// An edited file does not break a conversation waiting in it: when the step at the stored position still
/// collects the same variable the conversation goes on; otherwise the dialog starts again from its first step.
/// </summary>
internal sealed class IntentDialog(IntentDefinition intent) : Dialog(intent.Name)
{
    public override string Version => intent.Version;

    public override Task<DialogTurnResult> BeginAsync(DialogContext context, CancellationToken cancellationToken = default) =>
        RunFromAsync(context, [0], cancellationToken);

    public override async Task<DialogTurnResult> ContinueAsync(DialogContext context, string input, CancellationToken cancellationToken = default)
    {
        var frame = Relocate(context);
        return StillWaitingAt(frame) switch
        {
            AskStep ask => await AnswerAsync(context, ask, frame, input, cancellationToken),
            ChoiceStep choice => await ChooseAsync(context, choice, frame, input, cancellationToken),
            _ => await RestartAsync(context, frame, cancellationToken),
        };
    }

    public override async Task<DialogTurnResult> ResumeAsync(DialogContext context, DialogTurnResult childResult, CancellationToken cancellationToken = default)
    {
        var frame = Relocate(context);
        return StillWaitingAt(frame) is DialogCallStep
            ? await RunFromAsync(context, Next(frame.Position), cancellationToken)
            : await RestartAsync(context, frame, cancellationToken);
    }

    public override bool Reprompt(DialogContext context)
    {
        switch (StillWaitingAt(Relocate(context)))
        {
            case AskStep ask:
                context.Say(ask.Prompt);
                return true;
            case ChoiceStep choice:
                context.Say(choice.Prompt, choice.Options.Select(o => o.Title).ToList());
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// After an edit, the waiting step may have moved (a step added before it): the frame follows it when exactly
    /// one step of the new version waits for the same thing. Otherwise the frame stays, and the check below restarts.
    /// </summary>
    private DialogFrame Relocate(DialogContext context)
    {
        var frame = context.ActiveFrame!;
        if (frame.Version == intent.Version || frame.Awaiting is null || StillWaitingAt(frame) is not null)
        {
            return frame;
        }
        if (intent.PathAwaiting(frame.Awaiting) is not { } moved)
        {
            return frame;
        }
        DialogLog.Relocated(context.Logger, intent.Name, frame.Version ?? "schema 1", intent.Version);
        var relocated = frame with { Position = moved, Version = intent.Version };
        context.ReplaceActiveFrame(relocated);
        return relocated;
    }

    /// <summary>The step the frame waits at, when the (possibly edited) definition still has it there.</summary>
    private DialogStep? StillWaitingAt(DialogFrame frame) =>
        intent.StepAt(frame.Position) is { Awaits: { } awaits } step && awaits == frame.Awaiting ? step : null;

    private Task<DialogTurnResult> RestartAsync(DialogContext context, DialogFrame frame, CancellationToken cancellationToken)
    {
        DialogLog.Restarted(context.Logger, intent.Name, frame.Version ?? "schema 1", intent.Version);
        return RunFromAsync(context, [0], cancellationToken);
    }

    private async Task<DialogTurnResult> RunFromAsync(DialogContext context, IReadOnlyList<int>? position, CancellationToken cancellationToken)
    {
        while (position is not null && intent.StepAt(position) is { } step)
        {
            switch (step)
            {
                case SayStep say:
                    context.Say(say.Text);
                    break;
                case SetStep set:
                    context.State = context.State.WithValue(set.Variable, context.Fill(set.Value));
                    break;
                case AskStep ask:
                    context.Say(ask.Prompt);
                    return Wait(context, position, ask);
                case ChoiceStep choice:
                    context.Say(choice.Prompt, choice.Options.Select(o => o.Title).ToList());
                    return Wait(context, position, choice);
                case BranchStep branch:
                    position = Enter(position, branch.Condition.Holds(context.State.Values.GetValueOrDefault(branch.Variable)) ? 0 : 1);
                    continue;
                case HttpStep http:
                    var (succeeded, ended) = await CallAsync(context, http, cancellationToken);
                    if (ended is not null)
                    {
                        return ended;
                    }
                    if (!succeeded)
                    {
                        position = Enter(position, 0);
                        continue;
                    }
                    break;
                case DialogCallStep call:
                    Wait(context, position, call);
                    return await context.BeginDialogAsync(call.Intent, cancellationToken);
                case HandoffStep handoff:
                    return context.CancelAllDialogs(ToDecision(handoff, context.State));
            }
            position = Next(position);
        }
        return await context.EndDialogAsync(cancellationToken);
    }

    /// <summary>Runs the call and stores the mapped values; a failure without onError ends the dialogs with a bot_error handoff.</summary>
    private static async Task<(bool Succeeded, DialogTurnResult? Ended)> CallAsync(DialogContext context, HttpStep http, CancellationToken cancellationToken)
    {
        var outcome = await context.Actions.CallAsync(http, context.State.Values, cancellationToken);
        foreach (var (name, value) in outcome.Values)
        {
            context.State = context.State.WithValue(name, value);
        }
        if (outcome.Succeeded || http.OnError is not null)
        {
            return (outcome.Succeeded, null);
        }
        var fallback = context.Definition.Policy.FallbackHandoff;
        context.Say(context.Definition.Policy.Messages.BotError);
        return (false, context.CancelAllDialogs(ToDecision(fallback with { Reason = HandoffReasons.BotError }, context.State)));
    }

    private async Task<DialogTurnResult> AnswerAsync(DialogContext context, AskStep ask, DialogFrame frame, string input, CancellationToken cancellationToken)
    {
        if (Validators.Validate(ask.Validator, input) is { } value)
        {
            context.State = context.State.WithValue(ask.Variable, value);
            return await RunFromAsync(context, Next(frame.Position), cancellationToken);
        }
        return Retry(context, frame, ask.RetryPrompt, ask.MaxRetries, choices: null);
    }

    private async Task<DialogTurnResult> ChooseAsync(DialogContext context, ChoiceStep choice, DialogFrame frame, string input, CancellationToken cancellationToken)
    {
        var titles = choice.Options.Select(o => o.Title).ToList();
        if (ChoiceMatcher.Match(titles, input) is not { } index)
        {
            return Retry(context, frame, "Por favor, escolha uma das opções: " + string.Join(" / ", titles), 2, titles);
        }
        context.State = context.State.WithValue(choice.Variable, choice.Options[index].Title);
        return await RunFromAsync(context, Enter(frame.Position, index), cancellationToken);
    }

    private static DialogTurnResult Retry(DialogContext context, DialogFrame frame, string prompt, int maxRetries, IReadOnlyList<string>? choices)
    {
        if (frame.Retries + 1 > maxRetries)
        {
            // Never loop forever on an answer the customer cannot give: end the dialogs and offer the menu again.
            context.Say("Não consegui entender sua resposta, então vamos voltar ao início. Escolha um assunto ou escreva com suas palavras.");
            return context.CancelAllDialogs();
        }
        context.ReplaceActiveFrame(frame with { Retries = frame.Retries + 1 });
        context.Say(prompt, choices);
        return DialogTurnResult.Waiting;
    }

    private DialogTurnResult Wait(DialogContext context, IReadOnlyList<int> position, DialogStep step)
    {
        context.ReplaceActiveFrame(new DialogFrame(intent.Name, intent.Version, position, 0, step.Awaits));
        return DialogTurnResult.Waiting;
    }

    private static HandoffDecision ToDecision(HandoffStep step, DialogState state)
    {
        var last = state.Trail.LastOrDefault();
        return new HandoffDecision(step.Reason, step.Level, step.Queue, step.Skills, state.Intent ?? last?.Intent, last?.Confidence);
    }

    /// <summary>The first step of branch <paramref name="branch"/> of the step at <paramref name="path"/>; the step after it when the branch is empty.</summary>
    private IReadOnlyList<int>? Enter(IReadOnlyList<int> path, int branch)
    {
        List<int> first = [.. path, branch, 0];
        return intent.StepAt(first) is not null ? first : Next(path);
    }

    /// <summary>
    /// The step after <paramref name="path"/>: the next sibling, or the step after the enclosing step. An http
    /// step's onError replaces the rest of the dialog, so running out of it ends the dialog.
    /// </summary>
    private IReadOnlyList<int>? Next(IReadOnlyList<int> path)
    {
        List<int> next = [.. path.Take(path.Count - 1), path[^1] + 1];
        if (intent.StepAt(next) is not null)
        {
            return next;
        }
        if (path.Count < 3)
        {
            return null;
        }
        var parent = path.Take(path.Count - 2).ToList();
        return intent.StepAt(parent) is HttpStep ? null : Next(parent);
    }
}
