using Atendimento.Bot.Dialogs.Http;
using Atendimento.Bot.Dialogs.Runtime;
using Atendimento.Bot.Dialogs.Signals;
using Atendimento.Bot.Recognition;
using Atendimento.Bot.Recognition.Llm;
using Atendimento.Handoff;

namespace Atendimento.Bot.Dialogs;

/// <summary>
/// The bot's turn, the triage policy of docs/architecture.md: recognise, then answer (run the intent's dialog)
/// when sure, offer the likely intents when unsure, ask to rephrase when lost, and hand off after repeated
/// misses. A dialog waiting for an answer gets the message, unless an interrupting intent (such as asking for a
/// person) is recognised with confidence. When the optional LLM stage is on, an unsure new message is put to it
/// before the offer, and its pick is answered as a clear recognition would be.
/// </summary>
public sealed class ConversationBot(DialogCatalog catalog, IDialogActions actions, IIntentReranker reranker, TimeProvider clock, ILogger<ConversationBot> logger)
{
    public BotTurn Welcome(DialogState state)
    {
        var policy = catalog.Current.Definition.Policy;
        var context = new DialogContext(DialogStateUpgrade.Upgrade(state, catalog.Current.Definition).Idle(), catalog.Current.Definition, actions, logger);
        foreach (var line in policy.Greeting)
        {
            context.Say(line);
        }
        context.Say(policy.Menu.Prompt, MenuChoices(policy));
        return context.ToTurn();
    }

    public async Task<BotTurn> OnMessageAsync(DialogState state, string text, CancellationToken cancellationToken = default)
    {
        var (definition, recognizer) = catalog.Current;
        state = DialogStateUpgrade.Upgrade(state, definition);
        var evidence = TranscriptEntry.Clip(text);
        var recognition = recognizer.Recognize(evidence);
        var top = recognition.Top;
        var context = new DialogContext(state.WithTrail(new RecognitionStep(evidence, top?.Intent, top?.Confidence ?? 0, clock.GetUtcNow())) with { Offered = null, InactivityReminders = 0 }, definition, actions, logger);
        if (state.InactivityReminders > 0 && definition.Policy.Inactivity is { } inactivity)
        {
            // The menu is the last thing the customer saw, so "1" answers it, not the question before it.
            context.State = context.State with { Offered = state.Offered };
            if (InactivityMenu.TryAnswer(context, definition, inactivity, text))
            {
                return context.ToTurn();
            }
            context.State = context.State with { Offered = null };
        }
        if (state.Offered is { } offered && await AnswerToOfferAsync(context, definition, offered, text, cancellationToken) is { } answered)
        {
            return answered;
        }
        var clear = Clarifier.IsClear(recognition, definition.Policy) ? definition.Find(top!.Intent) : null;
        var interrupting = Clarifier.Interrupting(recognition, definition);
        // A clear request for a person or a critical subject keeps its own reason and level; otherwise anger or
        // a foreign language stops the bot before it guesses.
        if (interrupting is null && CustomerSignals.HandOff(context, definition.Policy, text))
        {
            return context.ToTurn();
        }
        if (context.State.IsWaiting && definition.Find(context.State.Intent!) is { } current && (interrupting is null || interrupting == current))
        {
            if (await context.ContinueDialogAsync(text, cancellationToken) is { } result)
            {
                return Finish(context, definition, result, current.Name);
            }
        }
        if ((interrupting ?? clear) is { } chosen)
        {
            return await BeginAsync(context, definition, chosen, cancellationToken);
        }
        // Only a new subject the recognizer is unsure of gets here: answers to a question, an offer or the
        // inactivity menu, clear messages and interrupting ones (a person, a critical subject) were handled above.
        if (await LlmTriage.PickAsync(context, reranker, recognition, evidence, cancellationToken) is { } picked)
        {
            return await BeginAsync(context, definition, picked, cancellationToken);
        }
        var candidates = Clarifier.Candidates(recognition, definition);
        return candidates.Count > 0 ? Clarify(context, definition, candidates) : NotUnderstood(context, definition.Policy, definition.Policy.NotUnderstood);
    }

    /// <summary>
    /// The customer left the bot's question unanswered: the inactivity menu again, or (after the last reminder) the
    /// dialog closed. Null when there is nothing to do: no question pending, no policy, or every step already taken.
    /// </summary>
    public BotTurn? OnSilence(DialogState state)
    {
        var definition = catalog.Current.Definition;
        state = DialogStateUpgrade.Upgrade(state, definition);
        var policy = definition.Policy.Inactivity;
        if (policy is null || !state.AwaitsAnswer || policy.Next(state.InactivityReminders) is null)
        {
            return null;
        }
        var context = new DialogContext(state, definition, actions, logger);
        if (state.InactivityReminders < policy.MenuAfter.Count)
        {
            InactivityMenu.Remind(context, policy);
        }
        else
        {
            InactivityMenu.Close(context, policy);
        }
        return context.ToTurn();
    }

    /// <summary>The customer answered "você quis dizer…": start the pick, or count a miss; null when it was neither.</summary>
    private static async Task<BotTurn?> AnswerToOfferAsync(DialogContext context, BotDefinition definition, IReadOnlyList<string> offered, string text, CancellationToken cancellationToken)
    {
        if (definition.Policy.Clarification is null)
        {
            return null;
        }
        var (picked, noneOfThese) = Clarifier.Read(definition, offered, text);
        if (picked is not null)
        {
            return await BeginAsync(context, definition, picked, cancellationToken);
        }
        return noneOfThese ? NotUnderstood(context, definition.Policy, definition.Policy.Clarification.Rephrase) : null;
    }

    /// <summary>A new subject: whatever dialogs ran are dropped, and the intent's dialog starts.</summary>
    private static async Task<BotTurn> BeginAsync(DialogContext context, BotDefinition definition, IntentDefinition intent, CancellationToken cancellationToken)
    {
        context.State = context.State.Idle() with { FailedRecognitions = 0, OffersInARow = 0 };
        return Finish(context, definition, await context.BeginDialogAsync(intent.Name, cancellationToken), intent.Name);
    }

    /// <summary>Unsure: ask with the candidates. Past the offers allowed in a row it is a miss, so asking cannot loop.</summary>
    private static BotTurn Clarify(DialogContext context, BotDefinition definition, IReadOnlyList<IntentDefinition> candidates)
    {
        if (context.State.OffersInARow >= definition.Policy.Clarification!.MaxInARow)
        {
            context.State = context.State with { OffersInARow = 0 };
            return NotUnderstood(context, definition.Policy, definition.Policy.NotUnderstood);
        }
        Clarifier.Offer(context, definition, candidates);
        context.State = context.State with { OffersInARow = context.State.OffersInARow + 1 };
        return context.ToTurn();
    }

    private static BotTurn NotUnderstood(DialogContext context, BotPolicy policy, string prompt)
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
        context.Say(prompt, MenuChoices(policy));
        return context.ToTurn();
    }

    /// <summary>After a dialog ends, the menu comes back as suggestions so the customer can go on in one tap.</summary>
    /// <summary>A dialog that completes without a handoff is one the bot resolved: the turn says which, for the KPIs.</summary>
    private static BotTurn Finish(DialogContext context, BotDefinition definition, DialogTurnResult result, string intent)
    {
        var ended = result.Status != DialogTurnStatus.Waiting && context.Handoff is null;
        if (ended && context.Replies.Count > 0 && context.Replies[^1].Choices is null)
        {
            context.Replies[^1] = context.Replies[^1] with { Choices = MenuChoices(definition.Policy) };
        }
        var resolved = result.Status == DialogTurnStatus.Complete && context.Handoff is null;
        return context.ToTurn() with { CompletedIntent = resolved ? intent : null };
    }

    private static List<string> MenuChoices(BotPolicy policy) => policy.Menu.Options.Select(o => o.Title).ToList();
}
