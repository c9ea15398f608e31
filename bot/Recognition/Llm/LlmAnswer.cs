using System.Text.Json;

namespace Atendimento.Bot.Recognition.Llm;

/// <summary>
/// Reads the model's answer strictly: one JSON object whose <c>intent</c> is a listed candidate or "none". Models
/// that ignore JSON mode often wrap the object in a Markdown code fence, which is tolerated; anything else (prose,
/// an array, a missing or non-text <c>intent</c>, an intent that was not offered) is a failure, so the bot never
/// acts on a subject the recognizer did not propose.
/// </summary>
internal static class LlmAnswer
{
    public static RerankResult Read(string? content, IReadOnlyList<RerankCandidate> candidates)
    {
        if (string.IsNullOrWhiteSpace(content))
        {
            return RerankResult.Failed("empty answer");
        }
        if (IntentOf(Unfence(content)) is not { } intent)
        {
            return RerankResult.Failed("unparsable answer");
        }
        if (string.Equals(intent, LlmPrompt.None, StringComparison.OrdinalIgnoreCase))
        {
            return RerankResult.None;
        }
        // Intent names are lower_snake_case and unique, so a model's change of case still names one of them.
        return candidates.FirstOrDefault(c => string.Equals(c.Intent, intent, StringComparison.OrdinalIgnoreCase)) is { } picked
            ? RerankResult.Picked(picked.Intent)
            : RerankResult.Failed("unlisted intent");
    }

    /// <summary>The text inside a <c>```json … ```</c> fence, or the text itself when it has none.</summary>
    private static string Unfence(string content)
    {
        var text = content.Trim();
        if (!text.StartsWith("```", StringComparison.Ordinal) || !text.EndsWith("```", StringComparison.Ordinal) || text.Length < 6)
        {
            return text;
        }
        var inner = text[3..^3];
        var newline = inner.IndexOf('\n', StringComparison.Ordinal);
        // The fence's first line may name a language ("json"); the object starts on the next one.
        return (newline >= 0 && !inner[..newline].Contains('{', StringComparison.Ordinal) ? inner[(newline + 1)..] : inner).Trim();
    }

    private static string? IntentOf(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("intent", out var intent)
                && intent.ValueKind == JsonValueKind.String
                ? intent.GetString()!.Trim()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
