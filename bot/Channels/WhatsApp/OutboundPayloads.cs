using System.Globalization;
using System.Text.Json.Nodes;
using Atendimento.Bot.Activities;

namespace Atendimento.Bot.Channels.WhatsApp;

/// <summary>
/// Activity → Graph API message bodies (specs §5). Text over 4096 characters is split; suggested actions become
/// reply buttons (at most 3, titles up to 20 characters), else a list (at most 10 rows), else numbered text.
/// Events (handoff.initiate, handoff.status) and typing have no WhatsApp form and give nothing.
/// </summary>
public static class OutboundPayloads
{
    public const int MaxTextLength = 4096;
    public const int MaxInteractiveBody = 1024;
    public const int MaxButtons = 3;
    public const int MaxButtonTitle = 20;
    public const int MaxListRows = 10;
    public const int MaxRowTitle = 24;
    public const int MaxRowDescription = 72;
    public const int MaxReplyId = 200;
    private const string ListButton = "Ver opções";
    private const string ChooseText = "Escolha uma opção:";

    public static IReadOnlyList<JsonObject> For(Activity activity, string to)
    {
        if (activity.Type != ActivityTypes.Message)
        {
            return [];
        }
        var text = activity.Text ?? string.Empty;
        var choices = activity.SuggestedActions?.Actions.Select(Choice).Where(c => c.Title.Length > 0).ToList() ?? [];
        if (choices.Count == 0 || choices.Count > MaxListRows)
        {
            var withOptions = choices.Count == 0 ? text : text + "\n\n" + string.Join("\n", choices.Select((c, i) => $"{i + 1}. {c.Title}"));
            return [.. Split(withOptions).Select(chunk => Text(to, chunk))];
        }
        var lead = text.Length > MaxInteractiveBody ? Split(text).Select(chunk => Text(to, chunk)).ToList() : [];
        var body = text.Length is > 0 and <= MaxInteractiveBody ? text : ChooseText;
        return [.. lead, Interactive(to, FitsButtons(choices) ? Buttons(body, choices) : List(body, choices))];
    }

    /// <summary>
    /// Our outbox key travels as <c>biz_opaque_callback_data</c> (specs §5), which Meta echoes in status webhooks:
    /// it names the message without a wamid, and lets a receiver tell a resend of one message from a new one.
    /// </summary>
    public static JsonObject WithCallbackData(JsonObject payload, string outboxId)
    {
        payload["biz_opaque_callback_data"] = outboxId;
        return payload;
    }

    /// <summary>An approved template with body parameters (specs §5): the only kind Meta delivers outside the 24-hour window.</summary>
    public static JsonObject Template(string to, string name, string language, IReadOnlyList<string> bodyParameters)
    {
        var template = new JsonObject { ["name"] = name, ["language"] = new JsonObject { ["code"] = language } };
        if (bodyParameters.Count > 0)
        {
            template["components"] = new JsonArray(new JsonObject
            {
                ["type"] = "body",
                ["parameters"] = new JsonArray([.. bodyParameters.Select(p => (JsonNode)new JsonObject { ["type"] = "text", ["text"] = p })]),
            });
        }
        return Envelope(to, "template", template);
    }

    /// <summary>Marks a customer's message read (blue ticks), specs §5: no <c>to</c>, no <c>type</c>.</summary>
    public static JsonObject MarkRead(string wamid) => new()
    {
        ["messaging_product"] = "whatsapp",
        ["status"] = "read",
        ["message_id"] = wamid,
    };

    /// <summary>Pieces of at most 4096 characters, never cutting a surrogate pair; no empty message.</summary>
    public static IReadOnlyList<string> Split(string text)
    {
        var chunks = new List<string>();
        var start = 0;
        while (start < text.Length)
        {
            var length = Math.Min(MaxTextLength, text.Length - start);
            if (start + length < text.Length && char.IsHighSurrogate(text[start + length - 1]))
            {
                length--;
            }
            chunks.Add(text.Substring(start, length));
            start += length;
        }
        return chunks.Where(c => !string.IsNullOrWhiteSpace(c)).ToList();
    }

    private static (string Title, string Value) Choice(CardAction action)
    {
        var value = action.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : action.Title;
        return (action.Title.Trim(), value);
    }

    private static bool FitsButtons(List<(string Title, string Value)> choices) =>
        choices.Count <= MaxButtons
        && choices.All(c => c.Title.Length <= MaxButtonTitle)
        && choices.Select(c => c.Title).Distinct(StringComparer.Ordinal).Count() == choices.Count;

    private static JsonObject Buttons(string body, List<(string Title, string Value)> choices) => new()
    {
        ["type"] = "button",
        ["body"] = new JsonObject { ["text"] = body },
        ["action"] = new JsonObject
        {
            ["buttons"] = new JsonArray([.. choices.Select(c => (JsonNode)new JsonObject
            {
                ["type"] = "reply",
                ["reply"] = new JsonObject { ["id"] = ReplyId(c.Value), ["title"] = c.Title },
            })]),
        },
    };

    private static JsonObject List(string body, List<(string Title, string Value)> choices) => new()
    {
        ["type"] = "list",
        ["body"] = new JsonObject { ["text"] = body },
        ["action"] = new JsonObject
        {
            ["button"] = ListButton,
            ["sections"] = new JsonArray(new JsonObject { ["rows"] = new JsonArray([.. choices.Select((c, i) => (JsonNode)Row(c, i))]) }),
        },
    };

    private static JsonObject Row((string Title, string Value) choice, int index)
    {
        var row = new JsonObject { ["id"] = ReplyId(choice.Value, index), ["title"] = Clip(choice.Title, MaxRowTitle) };
        if (choice.Title.Length > MaxRowTitle)
        {
            row["description"] = Clip(choice.Title, MaxRowDescription);
        }
        return row;
    }

    /// <summary>The reply id carries the value the bot offered, so a clipped title still answers exactly (see InboundContent).</summary>
    private static string ReplyId(string value, int index = 0)
    {
        var id = InboundContent.ChoicePrefix + value;
        return id.Length <= MaxReplyId ? id : "choice:" + index.ToString(CultureInfo.InvariantCulture);
    }

    private static string Clip(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }
        var length = char.IsHighSurrogate(text[max - 2]) ? max - 2 : max - 1;
        return text[..length].TrimEnd() + "…";
    }

    private static JsonObject Text(string to, string body) =>
        Envelope(to, "text", new JsonObject { ["preview_url"] = false, ["body"] = body });

    private static JsonObject Interactive(string to, JsonObject interactive) => Envelope(to, "interactive", interactive);

    private static JsonObject Envelope(string to, string type, JsonObject content) => new()
    {
        ["messaging_product"] = "whatsapp",
        ["recipient_type"] = "individual",
        ["to"] = to,
        ["type"] = type,
        [type] = content,
    };
}
