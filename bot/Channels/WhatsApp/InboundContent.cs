using System.Text.Json.Nodes;
using Atendimento.Bot.Activities;

namespace Atendimento.Bot.Channels.WhatsApp;

/// <summary>The type-specific part of one inbound message (specs §2 table), as the content of an activity.</summary>
internal static class InboundContent
{
    /// <summary>Reply ids we give our own buttons and list rows: the prefix, then the value the bot offered.</summary>
    public const string ChoicePrefix = "imBack:";

    private static readonly string[] MediaTypes = ["image", "video", "document", "audio", "sticker"];

    public static Activity Map(JsonObject message)
    {
        var type = message.Str("type");
        return type switch
        {
            "text" when message.Obj("text").Str("body") is { } body => Message(body),
            "interactive" when message.Obj("interactive") is { } interactive && Choice(interactive) is { } choice => choice,
            "button" when message.Obj("button") is { } button => Message(button.Str("text") ?? button.Str("payload")) with
            {
                Value = new JsonObject { ["payload"] = button.Str("payload"), ["text"] = button.Str("text") },
            },
            _ when MediaTypes.Contains(type) && message.Obj(type!) is { } media => Media(type!, media),
            "location" when message.Obj("location") is { } location => Location(location),
            "contacts" when message["contacts"] is JsonArray contacts => Attached(null, new Attachment("application/vnd.whatsapp.contacts", Content: contacts.Copy(), Name: "contato")),
            "reaction" when message.Obj("reaction") is { } reaction => Reaction(reaction),
            _ => Unsupported(type, message),
        };
    }

    private static Activity Message(string? text) => new() { Type = ActivityTypes.Message, Text = text };

    private static Activity Attached(string? text, Attachment attachment) => Message(text) with { Attachments = [attachment] };

    private static Activity? Choice(JsonObject interactive)
    {
        var reply = interactive.Str("type") switch
        {
            "button_reply" => interactive.Obj("button_reply"),
            "list_reply" => interactive.Obj("list_reply"),
            // nfm_reply (Flows) and anything newer: the caller treats it as unsupported.
            _ => null,
        };
        if (reply is null)
        {
            return null;
        }
        var id = reply.Str("id");
        var text = id is not null && id.StartsWith(ChoicePrefix, StringComparison.Ordinal) ? id[ChoicePrefix.Length..] : reply.Str("title");
        return Message(text) with { Value = reply.Copy() };
    }

    private static Activity Media(string type, JsonObject media)
    {
        var content = new JsonObject { ["id"] = media.Str("id"), ["sha256"] = media.Str("sha256") };
        if (type == "audio")
        {
            content["voice"] = media.Flag("voice");
        }
        if (type == "sticker")
        {
            content["animated"] = media.Flag("animated");
        }
        var contentType = media.Str("mime_type") ?? "application/octet-stream";
        // The bytes are not here: the media id is fetched from the Graph API, with the token, within minutes (specs §2).
        return Attached(media.Str("caption"), new Attachment(contentType, ContentUrl: null, Content: content, Name: media.Str("filename") ?? type));
    }

    private static Activity Location(JsonObject location)
    {
        var geo = new JsonObject
        {
            ["type"] = "GeoCoordinates",
            ["latitude"] = location.Number("latitude"),
            ["longitude"] = location.Number("longitude"),
            ["name"] = location.Str("name"),
            ["address"] = location.Str("address"),
        };
        return Attached(null, new Attachment("application/vnd.whatsapp.location", Content: location.Copy(), Name: "localização")) with { Entities = [geo] };
    }

    /// <summary>The Bot Framework's messageReaction; an empty emoji means the reaction was removed.</summary>
    private static Activity Reaction(JsonObject reaction)
    {
        var emoji = reaction.Str("emoji");
        return new Activity
        {
            Type = "messageReaction",
            ReplyToId = reaction.Str("message_id"),
            Value = new JsonObject { ["emoji"] = emoji, ["removed"] = string.IsNullOrEmpty(emoji) },
        };
    }

    /// <summary>A message the bot cannot read: still a message, so the bot can say so politely.</summary>
    private static Activity Unsupported(string? type, JsonObject message)
    {
        var details = new JsonObject
        {
            ["type"] = message.Obj("unsupported").Str("type") ?? type,
            ["errorCode"] = message.Objects("errors").Select(e => e.Int("code")).FirstOrDefault(),
        };
        return Attached(null, new Attachment(InboundMessages.UnsupportedContentType, Content: details, Name: "mensagem não suportada"));
    }
}
