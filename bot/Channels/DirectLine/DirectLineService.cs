using System.Security.Cryptography;
using Atendimento.Bot.Activities;
using Atendimento.Bot.Conversations;
using Atendimento.Platform.Tenancy;
using Microsoft.Extensions.Options;

namespace Atendimento.Bot.Channels.DirectLine;

/// <summary>
/// Direct Line's behaviour behind the HTTP surface: reserving and starting conversations, echoing the client's
/// activities with server ids, running the bot's turn, and waking the streams of a conversation.
/// </summary>
public sealed class DirectLineService(
    IDirectLineStore store,
    ConversationTurnProcessor turns,
    DirectLineWakeUps wakeUps,
    IOptions<DirectLineOptions> options,
    TimeProvider clock)
{
    public const string Channel = "directline";

    public async Task<DirectLineConversation> ReserveAsync(TenantId tenantId, string? userId, CancellationToken cancellationToken = default)
    {
        var conversation = new DirectLineConversation(tenantId, RandomId(22), ValidUserId(userId) ?? "dl_" + RandomId(16), clock.GetUtcNow(), Started: false);
        await store.CreateAsync(conversation, cancellationToken);
        return conversation;
    }

    /// <summary>
    /// Starts the conversation: the bot hears a conversationUpdate with both members and greets (specs §3.9).
    /// Returns whether this call started it. The update is sent on every start request, because the greeting is
    /// idempotent (the conversation remembers it was welcomed) and a first attempt that failed mid-turn must not
    /// leave the customer without one.
    /// </summary>
    public async Task<bool> StartAsync(DirectLineConversation conversation, string? userName, CancellationToken cancellationToken = default)
    {
        var first = await store.MarkStartedAsync(conversation.Id, cancellationToken);
        var address = Address(conversation, userName);
        var update = new Activity
        {
            Type = ActivityTypes.ConversationUpdate,
            Timestamp = clock.GetUtcNow(),
            ChannelId = Channel,
            From = address.User,
            Recipient = address.Bot,
            Conversation = new ConversationAccount(conversation.Id),
            MembersAdded = [address.Bot, address.User!],
        };
        await turns.ProcessAsync(new InboundActivity(conversation.TenantId, Channel, address, update), cancellationToken);
        return first;
    }

    /// <summary>Stores the echo (once per clientActivityID), wakes the streams, then lets the bot or the agent have the message.</summary>
    public async Task<string> PostAsync(DirectLineConversation conversation, Activity posted, CancellationToken cancellationToken = default)
    {
        if (posted.Type == ActivityTypes.Typing)
        {
            // Typing is ephemeral: never in the history, so it never moves the watermark (specs §6.6).
            return $"{conversation.Id}|typing-{RandomId(8)}";
        }
        var address = Address(conversation, posted.From?.Name);
        var echo = posted with
        {
            Id = null,
            Timestamp = clock.GetUtcNow(),
            ChannelId = Channel,
            ServiceUrl = null,
            From = address.User,
            Recipient = address.Bot,
            Conversation = new ConversationAccount(conversation.Id),
        };
        var appended = await store.AppendAsync(conversation.Id, echo, cancellationToken);
        if (!appended.Duplicate)
        {
            await wakeUps.NotifyAsync(conversation.Id, cancellationToken);
        }
        // Also for a repeated clientActivityID: if the first attempt failed mid-turn the turn runs now, and if it
        // had finished the processor recognises the echo id and does nothing.
        await turns.ProcessAsync(new InboundActivity(conversation.TenantId, Channel, address, appended.Activity), cancellationToken);
        return appended.Activity.Id!;
    }

    public ChannelAddress Address(DirectLineConversation conversation, string? userName) => new(
        conversation.Id,
        new ChannelAccount(options.Value.BotId, options.Value.BotName, "bot"),
        new ChannelAccount(conversation.UserId, string.IsNullOrWhiteSpace(userName) ? null : userName, "user"),
        ServiceUrl: null,
        Locale: OutboundActivities.Locale);

    private static string? ValidUserId(string? userId) =>
        userId is { Length: > 0 and <= 64 } && userId.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or ':') ? userId : null;

    private static string RandomId(int length) =>
        RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", length);
}
