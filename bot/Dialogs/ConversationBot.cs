using Atendimento.Bot.Recognition;
using Atendimento.Handoff;

namespace Atendimento.Bot.Dialogs;

/// <summary>
/// The bot's turn: recognise, then answer (run the intent's dialog), ask to rephrase, or hand off after
/// repeated failures. A dialog waiting for an answer gets the message, unless an interrupting intent
/// (such as asking for a person) is recognised with confidence.
/// </summary>
public sealed class ConversationBot(DialogCatalog catalog, TimeProvider clock)
{
    public BotTurn Welcome(DialogState state)
    {
        var policy = catalog.Current.Definition.Policy;
        var context = new DialogContext(state.Idle());
        foreach (var line in policy.Greeting)
        {
            context.Say(line);
        }
        context.Say(policy.Menu.Prompt, MenuChoices(policy));
        return context.ToTurn();
    }

    public BotTurn OnMessage(DialogState state, string text)
    {
        var (definition, recognizer) = catalog.Current;
        var recognition = recognizer.Recognize(TranscriptEntry.Clip(text));
        var top = recognition.Top;
        var context = new DialogContext(state.WithTrail(new RecognitionStep(TranscriptEntry.Clip(text), top?.Intent, top?.Confidence ?? 0, clock.GetUtcNow())));
        var confident = top is not null && top.Confidence >= definition.Policy.AnswerThreshold ? definition.Find(top.Intent) : null;

        if (context.State.IsWaiting && definition.Find(context.State.Intent!) is { } current && !(confident is { Interrupts: true } && confident != current))
        {
            if (StepRunner.Continue(current, context, text) is { } status)
            {
                return Finish(context, definition, status);
            }
        }
        if (confident is not null)
        {
            context.State = context.State with { FailedRecognitions = 0 };
            return Finish(context, definition, StepRunner.Begin(confident, context));
        }
        return NotUnderstood(context, definition.Policy);
    }

    private static BotTurn NotUnderstood(DialogContext context, BotPolicy policy)
    {
        var failures = context.State.FailedRecognitions + 1;
        context.State = context.State.Idle() with { FailedRecognitions = failures };
        if (failures >= policy.MaxFailedAttempts)
        {
            var fallback = policy.FallbackHandoff;
            var last = context.State.Trail.LastOrDefault();
            context.Handoff = new HandoffDecision(fallback.Reason, fallback.Level, fallback.Queue, fallback.Skills, last?.Intent, last?.Confidence);
            context.State = context.State with { FailedRecognitions = 0 };
            return context.ToTurn();
        }
        context.Say(policy.NotUnderstood, MenuChoices(policy));
        return context.ToTurn();
    }

    /// <summary>After a dialog ends, the menu comes back as suggestions so the customer can go on in one tap.</summary>
    private static BotTurn Finish(DialogContext context, BotDefinition definition, DialogTurnStatus status)
    {
        if (status == DialogTurnStatus.Complete && context.Replies.Count > 0 && context.Replies[^1].Choices is null)
        {
            context.Replies[^1] = context.Replies[^1] with { Choices = MenuChoices(definition.Policy) };
        }
        return context.ToTurn();
    }

    private static List<string> MenuChoices(BotPolicy policy) => policy.Menu.Options.Select(o => o.Title).ToList();
}
