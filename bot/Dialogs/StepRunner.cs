namespace Atendimento.Bot.Dialogs;

/// <summary>
/// Interprets an intent's steps. A position is a path through the step tree: [step], or
/// [step, option, step, ...] inside a choice's branch. Steps run until one waits, they run out, or one hands off.
/// </summary>
internal static class StepRunner
{
    public static DialogTurnStatus Begin(IntentDefinition intent, DialogContext context)
    {
        context.State = context.State with { Intent = intent.Name, Position = null, Retries = 0 };
        return RunFrom(intent, context, [0]);
    }

    /// <summary>Feeds the customer's answer to the waiting step. Returns null when the stored position no longer exists.</summary>
    public static DialogTurnStatus? Continue(IntentDefinition intent, DialogContext context, string input)
    {
        var position = context.State.Position!;
        return Resolve(intent.Steps, position) switch
        {
            AskStep ask => Answer(intent, context, ask, position, input),
            ChoiceStep choice => Choose(intent, context, choice, position, input),
            _ => null,
        };
    }

    /// <summary>Asks the waiting step's question again, as it was first asked; false when the stored position no longer exists.</summary>
    public static bool Reprompt(IntentDefinition intent, DialogContext context)
    {
        switch (context.State.Position is { } position ? Resolve(intent.Steps, position) : null)
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

    private static DialogTurnStatus RunFrom(IntentDefinition intent, DialogContext context, IReadOnlyList<int>? position)
    {
        while (position is not null && Resolve(intent.Steps, position) is { } step)
        {
            switch (step)
            {
                case SayStep say:
                    context.Say(say.Text);
                    break;
                case AskStep ask:
                    context.Say(ask.Prompt);
                    return Wait(context, position);
                case ChoiceStep choice:
                    context.Say(choice.Prompt, choice.Options.Select(o => o.Title).ToList());
                    return Wait(context, position);
                case HandoffStep handoff:
                    context.Handoff = ToDecision(handoff, context.State);
                    context.State = context.State.Idle();
                    return DialogTurnStatus.HandedOff;
            }
            position = Next(intent.Steps, position);
        }
        context.State = context.State.Idle();
        return DialogTurnStatus.Complete;
    }

    private static DialogTurnStatus Answer(IntentDefinition intent, DialogContext context, AskStep ask, IReadOnlyList<int> position, string input)
    {
        if (Validators.Validate(ask.Validator, input) is { } value)
        {
            context.State = context.State.WithValue(ask.Variable, value) with { Retries = 0 };
            return RunFrom(intent, context, Next(intent.Steps, position));
        }
        return Retry(context, ask.RetryPrompt, ask.MaxRetries, choices: null);
    }

    private static DialogTurnStatus Choose(IntentDefinition intent, DialogContext context, ChoiceStep choice, IReadOnlyList<int> position, string input)
    {
        var index = ChoiceMatcher.Match(choice.Options.Select(o => o.Title).ToList(), input);
        if (index is null)
        {
            var titles = choice.Options.Select(o => o.Title).ToList();
            return Retry(context, "Por favor, escolha uma das opções: " + string.Join(" / ", titles), 2, titles);
        }
        var option = choice.Options[index.Value];
        context.State = context.State.WithValue(choice.Variable, option.Title) with { Retries = 0 };
        return option.Then.Count > 0
            ? RunFrom(intent, context, [.. position, index.Value, 0])
            : RunFrom(intent, context, Next(intent.Steps, position));
    }

    private static DialogTurnStatus Retry(DialogContext context, string prompt, int maxRetries, IReadOnlyList<string>? choices)
    {
        var retries = context.State.Retries + 1;
        if (retries > maxRetries)
        {
            // Never loop forever on an answer the customer cannot give: end the dialog and offer the menu again.
            context.State = context.State.Idle();
            context.Say("Não consegui entender sua resposta, então vamos voltar ao início. Escolha um assunto ou escreva com suas palavras.");
            return DialogTurnStatus.Complete;
        }
        context.State = context.State with { Retries = retries };
        context.Say(prompt, choices);
        return DialogTurnStatus.Waiting;
    }

    private static DialogTurnStatus Wait(DialogContext context, IReadOnlyList<int> position)
    {
        context.State = context.State with { Position = position };
        return DialogTurnStatus.Waiting;
    }

    private static HandoffDecision ToDecision(HandoffStep step, DialogState state)
    {
        var last = state.Trail.LastOrDefault();
        return new HandoffDecision(step.Reason, step.Level, step.Queue, step.Skills, state.Intent ?? last?.Intent, last?.Confidence);
    }

    internal static DialogStep? Resolve(IReadOnlyList<DialogStep> steps, IReadOnlyList<int> path)
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
        return step is ChoiceStep choice && path.Count >= 3 && path[1] >= 0 && path[1] < choice.Options.Count
            ? Resolve(choice.Options[path[1]].Then, path.Skip(2).ToList())
            : null;
    }

    /// <summary>The step after <paramref name="path"/>: the next sibling, or the step after the enclosing choice.</summary>
    private static IReadOnlyList<int>? Next(IReadOnlyList<DialogStep> steps, IReadOnlyList<int> path)
    {
        var next = path.Take(path.Count - 1).Append(path[^1] + 1).ToList();
        if (Resolve(steps, next) is not null)
        {
            return next;
        }
        return path.Count >= 3 ? Next(steps, path.Take(path.Count - 2).ToList()) : null;
    }
}
