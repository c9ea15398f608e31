using System.Text.Json;

namespace Atendimento.Bot.Hosting;

/// <summary>Where JSON went wrong, when the parser knows, without its message (which names our types).</summary>
internal static class JsonErrors
{
    public static string Describe(JsonException exception) => exception.LineNumber is { } line
        ? $"The request body is not valid JSON (line {line + 1}, byte {exception.BytePositionInLine})."
        : "The request body is not valid JSON for this request (check for repeated properties and value types).";
}
