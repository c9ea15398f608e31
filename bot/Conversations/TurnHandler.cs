using Atendimento.Bot.Activities;
using Atendimento.Bot.Dialogs;
using Atendimento.Handoff;
using Atendimento.Routing.Tickets;
using Microsoft.Extensions.Logging;

namespace Atendimento.Bot.Conversations;

/// <summary>
/// Decides one inbound activity: a welcome for a new member, the bot's answer, a handoff, or a relay to the
/// ticket while a human owns the conversation. Pure decisions plus the ticket writes a handoff needs;
/// sending is left to the processor, after the state is saved.
/// </summary>
public sealed partial class TurnHandler(
    ConversationBot bot,
    DialogCatalog catalog,
    HandoffService handoff,
    HandoffRelay relay,
    OutboundActivities outbound,
    IBotResolutionLog resolutions,
    TimeProvider clock,
    ILogger<TurnHandler> logger)
{
    public async Task<TurnOutcome> HandleAsync(ConversationState state, Activity activity, CancellationToken cancellationToken)
    {
        return activity.Type switch
        {
            ActivityTypes.ConversationUpdate => Welcome(state, activity),
            ActivityTypes.Message => await MessageAsync(state, activity, cancellationToken),
            // Events (handoff.status, webchat/join, ...) and other types are accepted and ignored (ACT A5000).
            _ => new TurnOutcome(state, [], ConversationOwner.Bot),
        };
    }

    private TurnOutcome Welcome(ConversationState state, Activity activity)
    {
        var someoneJoined = activity.MembersAdded?.Any(member => member.Id != activity.Recipient?.Id) == true;
        if (state.Welcomed || !someoneJoined)
        {
            return new TurnOutcome(state, [], ConversationOwner.Bot);
        }
        var turn = bot.Welcome(state.Dialog);
        var replies = turn.Replies.Select(reply => outbound.Message(state, reply, activity.Id)).ToList();
        var welcomed = state.WithTranscript(turn.Replies.Select(BotEntry)) with { Welcomed = true, Dialog = turn.State };
        return new TurnOutcome(welcomed, replies, ConversationOwner.Bot);
    }

    private async Task<TurnOutcome> MessageAsync(ConversationState state, Activity activity, CancellationToken cancellationToken)
    {
        var text = CustomerText(activity);
        var owner = await relay.OwnerAsync(state.TenantId, ActiveTicket(state), cancellationToken);
        var withCustomer = state.WithTranscript([new TranscriptEntry(TranscriptRole.Customer, text, clock.GetUtcNow())]);
        if (owner != ConversationOwner.Bot
            && await relay.RelayCustomerMessageAsync(state.TenantId, ActiveTicket(state)!.Value, text, clock.GetUtcNow(), activity.Id, cancellationToken) is not null)
        {
            return new TurnOutcome(StartSilence(withCustomer), [], owner);
        }
        // The ticket is over: forget it, so later turns skip the lookup and a reopen cannot silently take the conversation back.
        withCustomer = withCustomer with { ActiveTicketId = null };
        var turn = await RunBotAsync(withCustomer, text, cancellationToken);
        var next = StartSilence(withCustomer.WithTranscript(turn.Replies.Select(BotEntry)) with { Dialog = turn.State });
        var activities = turn.Replies.Select(reply => outbound.Message(next, reply, activity.Id)).ToList();
        if (turn.Handoff is null && turn.CompletedIntent is { } intent)
        {
            // Without a channel id the turn cannot be told from a retry of itself; a fresh key counts it anyway.
            await resolutions.RecordAsync(new BotResolution(state.TenantId, state.Id, activity.Id ?? Guid.NewGuid().ToString("N"), intent,
                state.Channel, clock.GetUtcNow()), cancellationToken);
        }
        return turn.Handoff is { } decision
            ? await HandOffAsync(next, decision, activities, activity.Id, cancellationToken)
            : new TurnOutcome(next, activities, ConversationOwner.Bot);
    }

    private async Task<BotTurn> RunBotAsync(ConversationState state, string text, CancellationToken cancellationToken)
    {
        try
        {
            return await bot.OnMessageAsync(state.Dialog, text, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A bug in a dialog must not strand the customer: apologise and hand the conversation to a person.
            LogBotFailed(exception, state.Id);
            var fallback = catalog.Current.Definition.Policy.FallbackHandoff;
            return new BotTurn(state.Dialog.Idle(), [new BotReply(catalog.Current.Definition.Policy.Messages.BotError)],
                new HandoffDecision(HandoffReasons.BotError, fallback.Level, fallback.Queue, fallback.Skills, state.Dialog.Intent, null));
        }
    }

    private async Task<TurnOutcome> HandOffAsync(ConversationState state, HandoffDecision decision, List<Activity> activities, string? replyToId, CancellationToken cancellationToken)
    {
        var hours = catalog.Current.Definition.Policy.Hours;
        var outOfHours = hours is not null && !hours.IsOpen(clock.GetUtcNow());
        var record = Record(state, decision) with { OutOfHours = outOfHours };
        var ticket = await handoff.InitiateAsync(state.TenantId, state.Id, record, cancellationToken);
        // Out of hours the ticket still opens, and the customer hears honestly when people will be back.
        var text = outOfHours ? hours!.ClosedMessage : catalog.Current.Definition.Policy.Messages.HandoffStarted;
        var told = new BotReply(text.Replace("{ticket}", ticket.Id.ToString(), StringComparison.Ordinal));
        var handedOff = state.WithTranscript([BotEntry(told)]) with { ActiveTicketId = ticket.Id.Value, SilentSince = null, InactivityDueAt = null };
        activities.Add(outbound.Message(handedOff, told, replyToId));
        activities.Add(outbound.HandoffInitiate(handedOff, ticket, record, replyToId));
        return new TurnOutcome(handedOff, activities, ConversationOwner.Queued);
    }

    /// <summary>
    /// The customer left the bot's question unanswered past <see cref="ConversationState.InactivityDueAt"/>: the
    /// inactivity menu, or the dialog closed after the last one. Null when nothing is due (anymore).
    /// </summary>
    public TurnOutcome? Silence(ConversationState state)
    {
        if (state.InactivityDueAt is not { } due || due > clock.GetUtcNow())
        {
            return null;
        }
        var since = state.SilentSince ?? due;
        var turn = state.ActiveTicketId is null ? bot.OnSilence(state.Dialog) : null;
        if (turn is null)
        {
            return new TurnOutcome(state with { SilentSince = null, InactivityDueAt = null }, [], ConversationOwner.Bot);
        }
        var after = turn.State.AwaitsAnswer ? catalog.Current.Definition.Policy.Inactivity?.Next(turn.State.InactivityReminders) : null;
        var next = state.WithTranscript(turn.Replies.Select(BotEntry)) with
        {
            Dialog = turn.State,
            SilentSince = after is null ? null : since,
            InactivityDueAt = since + after,
        };
        return new TurnOutcome(next, turn.Replies.Select(reply => outbound.Message(next, reply, null)).ToList(), ConversationOwner.Bot);
    }

    /// <summary>The inactivity clock runs only while a question of the bot waits for the customer's answer.</summary>
    private ConversationState StartSilence(ConversationState state)
    {
        var now = clock.GetUtcNow();
        return state.ActiveTicketId is null && state.Dialog.AwaitsAnswer && catalog.Current.Definition.Policy.Inactivity?.Next(state.Dialog.InactivityReminders) is { } after
            ? state with { SilentSince = now, InactivityDueAt = now + after }
            : state with { SilentSince = null, InactivityDueAt = null };
    }

    private HandoffRecord Record(ConversationState state, HandoffDecision decision) => new(
        Guid.NewGuid(), decision.Reason, decision.Level, decision.Queue, decision.Skills, decision.Intent, decision.Confidence,
        state.Dialog.Trail, state.Dialog.Values, state.Transcript, state.Channel, state.Address.User?.Name, clock.GetUtcNow());

    private TranscriptEntry BotEntry(BotReply reply) => new(TranscriptRole.Bot, reply.Text, clock.GetUtcNow());

    private static TicketId? ActiveTicket(ConversationState state) => state.ActiveTicketId is { } id ? new TicketId(id) : null;

    /// <summary>The customer's words; an attachment without text is named so the transcript shows it arrived.</summary>
    private static string CustomerText(Activity activity)
    {
        if (!string.IsNullOrWhiteSpace(activity.Text))
        {
            return activity.Text.Trim();
        }
        var names = activity.Attachments?.Select(a => a.Name ?? a.ContentType).ToList() ?? [];
        return names.Count > 0 ? $"[anexo: {string.Join(", ", names)}]" : string.Empty;
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Error, Message = "The bot failed on a message in conversation {ConversationId}; handing off")]
    private partial void LogBotFailed(Exception exception, string conversationId);
}
