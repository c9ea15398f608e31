using System.Diagnostics;
using Activity = Atendimento.Bot.Activities.Activity;
using Atendimento.Bot.Activities;
using Atendimento.Bot.Dialogs;
using Atendimento.Handoff;
using Atendimento.Platform.Tenancy;
using Microsoft.Extensions.Logging;

namespace Atendimento.Bot.Conversations;

/// <summary>
/// One turn, as docs/architecture.md draws it: per-conversation lock, load state, drop duplicates, let the owner
/// (bot or human) take the message, save with a version check, and only then send.
/// </summary>
public sealed partial class ConversationTurnProcessor(
    IConversationStore store,
    TurnLocks locks,
    TurnHandler handler,
    ChannelSenders senders,
    ILogger<ConversationTurnProcessor> logger)
{
    private const int MaxAttempts = 3;

    /// <summary>After this many failed sends in a row the outbox is set aside, so one poison activity cannot block a conversation.</summary>
    public const int MaxOutboxFailures = 5;

    public async Task ProcessAsync(InboundActivity inbound, CancellationToken cancellationToken = default)
    {
        using var trace = BotTelemetry.Source.StartActivity("conversation.turn");
        trace?.SetTag("conversation.id", inbound.ConversationId);
        trace?.SetTag("activity.type", inbound.Activity.Type);
        var started = Stopwatch.GetTimestamp();
        await using (await locks.AcquireAsync(LockKey(inbound.TenantId, inbound.ConversationId), cancellationToken))
        {
            await RunAsync(inbound, cancellationToken);
        }
        BotTelemetry.TurnDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, new KeyValuePair<string, object?>("channel", inbound.Channel));
    }

    private async Task RunAsync(InboundActivity inbound, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var stored = await store.GetAsync(inbound.TenantId, inbound.ConversationId, cancellationToken) ?? New(inbound);
            // Whatever an earlier turn decided but could not send goes out first, in order, to the latest address.
            var state = await FlushAsync(stored with { Address = Merge(stored.Address, inbound.Address) }, cancellationToken);
            if (inbound.Activity.Id is { } id && state.RecentActivityIds.Contains(id))
            {
                BotTelemetry.DuplicateActivities.Add(1);
                LogDuplicate(inbound.ConversationId);
                return;
            }
            var outcome = await handler.HandleAsync(state, inbound.Activity, cancellationToken);
            var saved = await store.SaveAsync(outcome.State.Remember(inbound.Activity.Id) with { Outbox = outcome.Activities }, cancellationToken);
            if (saved is not null)
            {
                BotTelemetry.Turns.Add(1, new("channel", inbound.Channel), new("owner", outcome.Owner.ToString()));
                await FlushAsync(saved, cancellationToken);
                return;
            }
            LogConcurrentTurn(inbound.ConversationId, attempt);
        }
        throw new InvalidOperationException($"Conversation {inbound.ConversationId} kept changing during the turn.");
    }

    /// <summary>
    /// Sends activities that no customer turn produced (an agent's message, a ticket event) the way a turn does:
    /// under the conversation's lock, saved in its outbox first, then sent.
    /// </summary>
    public async Task DeliverAsync(TenantId tenantId, string conversationId, Func<ConversationState, IReadOnlyList<Activity>> compose, CancellationToken cancellationToken = default)
    {
        await using (await locks.AcquireAsync(LockKey(tenantId, conversationId), cancellationToken))
        {
            for (var attempt = 1; attempt <= MaxAttempts; attempt++)
            {
                var state = await store.GetAsync(tenantId, conversationId, cancellationToken)
                    ?? throw new InvalidOperationException($"Conversation {conversationId} does not exist.");
                // Queued behind anything still waiting, and saved before any send, so a failing channel loses nothing.
                if (await store.SaveAsync(state with { Outbox = [.. state.Outbox, .. compose(state)] }, cancellationToken) is { } saved)
                {
                    await FlushAsync(saved, cancellationToken);
                    return;
                }
                LogConcurrentTurn(conversationId, attempt);
            }
        }
        throw new InvalidOperationException($"Conversation {conversationId} kept changing during a delivery.");
    }

    /// <summary>
    /// The turn nobody sent: the customer left the bot's question unanswered. Runs under the conversation's lock
    /// and saves before sending, like a customer's turn; the version check makes sure that of two instances
    /// sweeping the same conversation only one speaks. Returns whether the bot said something.
    /// </summary>
    public async Task<bool> RemindIfSilentAsync(TenantId tenantId, string conversationId, CancellationToken cancellationToken = default)
    {
        await using (await locks.AcquireAsync(LockKey(tenantId, conversationId), cancellationToken))
        {
            for (var attempt = 1; attempt <= MaxAttempts; attempt++)
            {
                var state = await store.GetAsync(tenantId, conversationId, cancellationToken);
                if (state is null || handler.Silence(state) is not { } outcome)
                {
                    return false;
                }
                if (await store.SaveAsync(outcome.State with { Outbox = [.. state.Outbox, .. outcome.Activities] }, cancellationToken) is { } saved)
                {
                    await FlushAsync(saved, cancellationToken);
                    return outcome.Activities.Count > 0;
                }
                LogConcurrentTurn(conversationId, attempt);
            }
        }
        return false;
    }

    /// <summary>
    /// Sends the saved outbox, then clears it. At least once: a crash between the two sends it again (channels
    /// that keep history store it once by the activities' ids). A failed send is counted and rethrown, so the
    /// caller's request fails and its retry sends again; after <see cref="MaxOutboxFailures"/> the outbox is set aside.
    /// </summary>
    private async Task<ConversationState> FlushAsync(ConversationState state, CancellationToken cancellationToken)
    {
        if (state.Outbox.Count == 0)
        {
            return state;
        }
        try
        {
            await senders.For(state).SendAsync(state, state.Outbox, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return await CountFailureAsync(state, exception, cancellationToken);
        }
        return await SaveOrReloadAsync(state with { Outbox = [], OutboxFailures = 0 }, cancellationToken);
    }

    private async Task<ConversationState> CountFailureAsync(ConversationState state, Exception exception, CancellationToken cancellationToken)
    {
        var failures = state.OutboxFailures + 1;
        LogSendFailed(exception, state.Id, state.Channel, failures);
        if (failures < MaxOutboxFailures)
        {
            await store.SaveAsync(state with { OutboxFailures = failures }, cancellationToken);
            throw new ChannelDeliveryException($"Could not send to conversation {state.Id} (attempt {failures}).", exception);
        }
        BotTelemetry.AbandonedActivities.Add(state.Outbox.Count, new KeyValuePair<string, object?>("channel", state.Channel));
        LogOutboxAbandoned(exception, state.Id, state.Outbox.Count, failures);
        return await SaveOrReloadAsync(state with { Outbox = [], OutboxFailures = 0 }, cancellationToken);
    }

    private async Task<ConversationState> SaveOrReloadAsync(ConversationState state, CancellationToken cancellationToken) =>
        await store.SaveAsync(state, cancellationToken)
        ?? await store.GetAsync(state.TenantId, state.Id, cancellationToken)
        ?? throw new InvalidOperationException($"Conversation {state.Id} disappeared while sending.");

    /// <summary>Conversation ids are unique per tenant only, so the tenant is part of the lock.</summary>
    private static string LockKey(TenantId tenantId, string conversationId) => $"{tenantId.Value}/{conversationId}";

    private static ConversationState New(InboundActivity inbound) => new()
    {
        TenantId = inbound.TenantId,
        Id = inbound.ConversationId,
        Channel = inbound.Channel,
        Address = inbound.Address,
    };

    /// <summary>Keeps the latest service URL and user name the channel told us, so replies and agents reach the customer.</summary>
    private static ChannelAddress Merge(ChannelAddress stored, ChannelAddress latest) => stored with
    {
        ServiceUrl = latest.ServiceUrl ?? stored.ServiceUrl,
        User = latest.User ?? stored.User,
        Locale = latest.Locale ?? stored.Locale,
    };

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Ignored an activity already processed in conversation {ConversationId}")]
    private partial void LogDuplicate(string conversationId);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Sending to conversation {ConversationId} on {Channel} failed (attempt {Failures}); the outbox keeps the activities")]
    private partial void LogSendFailed(Exception exception, string conversationId, string channel, int failures);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Error, Message = "Set aside {Count} activities for conversation {ConversationId} after {Failures} failed sends")]
    private partial void LogOutboxAbandoned(Exception exception, string conversationId, int count, int failures);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Conversation {ConversationId} changed during the turn (attempt {Attempt}); running it again")]
    private partial void LogConcurrentTurn(string conversationId, int attempt);
}

/// <summary>A channel refused or could not take what we sent; the activities stay in the outbox for the next try.</summary>
public sealed class ChannelDeliveryException(string message, Exception innerException) : Exception(message, innerException);

/// <summary>What a turn decided: the state to save, the activities to send after saving, and who owned the message.</summary>
public sealed record TurnOutcome(ConversationState State, IReadOnlyList<Activity> Activities, ConversationOwner Owner);
