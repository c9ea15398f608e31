using System.Text.Json;
using System.Text.Json.Nodes;
using Atendimento.Bot.Activities;
using Atendimento.Bot.Dialogs;
using Atendimento.Handoff;
using Atendimento.Routing.Tickets;

namespace Atendimento.Bot.Conversations;

/// <summary>Builds the activities we send, addressed from the bot (or an agent) to the customer of a conversation.</summary>
public sealed class OutboundActivities(TimeProvider clock)
{
    public const string Locale = "pt-BR";

    public Activity Message(ConversationState conversation, BotReply reply, string? replyToId, ChannelAccount? from = null) => Base(conversation, ActivityTypes.Message, replyToId, from) with
    {
        Text = reply.Text,
        InputHint = reply.Choices is null ? "acceptingInput" : "expectingInput",
        SuggestedActions = reply.Choices is { Count: > 0 } choices
            ? new SuggestedActions(choices.Select(title => new CardAction("imBack", title, JsonValue.Create(title))).ToList())
            : null,
    };

    /// <summary>The Bot Framework <c>handoff.initiate</c> event (specs §4), with the transcript as an attachment.</summary>
    public Activity HandoffInitiate(ConversationState conversation, Ticket ticket, HandoffRecord record, string? replyToId) =>
        Base(conversation, ActivityTypes.Event, replyToId) with
        {
            Name = "handoff.initiate",
            Value = JsonSerializer.SerializeToNode(new
            {
                ticketId = ticket.Id.Value,
                reason = record.ReasonCode,
                level = record.Level.ToString(),
                queue = record.Queue,
                skills = record.Skills,
                intent = record.Intent,
                confidence = record.Confidence,
            }),
            Attachments = [new Attachment("application/json", Name: "Transcript", Content: TranscriptContent(conversation, record))],
        };

    /// <summary>The <c>handoff.status</c> event: accepted when an agent takes over, completed when they resolve.</summary>
    public Activity HandoffStatus(ConversationState conversation, string state) => Base(conversation, ActivityTypes.Event, null) with
    {
        Name = "handoff.status",
        Value = new JsonObject { ["state"] = state },
    };

    /// <summary>Every outbound activity gets its own id: channels that keep history use it to store a resent outbox once.</summary>
    private Activity Base(ConversationState conversation, string type, string? replyToId, ChannelAccount? from = null) => new()
    {
        Type = type,
        Id = Guid.NewGuid().ToString("N"),
        Timestamp = clock.GetUtcNow(),
        ChannelId = conversation.Channel,
        From = from ?? conversation.Address.Bot,
        Recipient = conversation.Address.User,
        Conversation = new ConversationAccount(conversation.Address.ConversationId),
        ReplyToId = replyToId,
        Locale = Locale,
    };

    private JsonNode TranscriptContent(ConversationState conversation, HandoffRecord record)
    {
        var activities = record.Transcript.Select(entry => Base(conversation, ActivityTypes.Message, null,
                entry.Role == TranscriptRole.Customer ? conversation.Address.User : conversation.Address.Bot) with
            {
                Timestamp = entry.At,
                Text = entry.Text,
                Recipient = entry.Role == TranscriptRole.Customer ? conversation.Address.Bot : conversation.Address.User,
            });
        return new JsonObject { ["activities"] = JsonSerializer.SerializeToNode(activities, ActivityJson.Options) };
    }
}
