using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Atendimento.Bot.Channels.WhatsApp;

/// <summary>Tolerant reads of webhook JSON: a missing field or one of an unexpected kind is null, never an exception.</summary>
internal static class WebhookJson
{
    public static string? Str(this JsonNode? node, string name) =>
        node is JsonObject obj && obj[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    public static JsonObject? Obj(this JsonNode? node, string name) => node is JsonObject obj ? obj[name] as JsonObject : null;

    public static IEnumerable<JsonObject> Objects(this JsonNode? node, string name) =>
        node is JsonObject obj && obj[name] is JsonArray array ? array.OfType<JsonObject>() : [];

    public static double? Number(this JsonNode? node, string name) =>
        node is JsonObject obj && obj[name] is JsonValue value && value.GetValueKind() == JsonValueKind.Number ? value.GetValue<double>() : null;

    public static int? Int(this JsonNode? node, string name) =>
        node.Number(name) is { } number && number == Math.Floor(number) && Math.Abs(number) <= int.MaxValue ? (int)number : null;

    public static bool Flag(this JsonNode? node, string name) =>
        node is JsonObject obj && obj[name] is JsonValue value && value.GetValueKind() == JsonValueKind.True;

    /// <summary>Webhook timestamps are strings of Unix seconds (specs §1.2).</summary>
    public static DateTimeOffset? UnixSeconds(this JsonNode? node, string name) =>
        long.TryParse(node.Str(name), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 0 and < 253_402_300_800
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    /// <summary>A detached copy, safe to place in another tree.</summary>
    public static JsonNode? Copy(this JsonNode? node) => node?.DeepClone();
}
