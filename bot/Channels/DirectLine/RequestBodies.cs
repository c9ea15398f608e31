using System.Text.Json;
using Atendimento.Bot.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Atendimento.Bot.Channels.DirectLine;

/// <summary>Reads a JSON body under a size limit, turning every kind of bad input into a 4xx ProblemDetails.</summary>
internal static class RequestBodies
{
    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(HttpRequest request, int maxBytes, JsonSerializerOptions options, bool optional, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }
        try
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, cancellationToken);
            if (buffer.Length == 0)
            {
                return optional ? (null, null) : (null, DirectLineProblems.BadActivity("The request body is empty."));
            }
            if (ContainsEscapedNul(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)))
            {
                // PostgreSQL text and jsonb cannot hold U+0000; refusing it here keeps both stores alike.
                return (null, DirectLineProblems.BadActivity("The request body contains a NUL character (\\u0000), which is not accepted."));
            }
            // Parsed strictly first: a duplicated property would otherwise surface later as an exception, not a 400.
            using var document = JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), StrictParsing);
            var value = document.Deserialize<T>(options);
            return value is null ? (null, DirectLineProblems.BadActivity("The request body is JSON null.")) : (value, null);
        }
        catch (JsonException exception)
        {
            // Position only: the exception's own message names our internal types.
            return (null, DirectLineProblems.BadActivity(JsonErrors.Describe(exception)));
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(maxBytes));
        }
    }

    private static readonly JsonDocumentOptions StrictParsing = new() { AllowDuplicateProperties = false, MaxDepth = 64 };

    /// <summary>True for the escape \u0000, not for a customer who typed a backslash (written \\u0000 in JSON).</summary>
    private static bool ContainsEscapedNul(ReadOnlySpan<byte> json)
    {
        for (var at = json.IndexOf("\\u0000"u8); at >= 0; at = Next(json, at))
        {
            var backslashes = 0;
            while (at - backslashes >= 0 && json[at - backslashes] == (byte)'\\')
            {
                backslashes++;
            }
            if (backslashes % 2 == 1)
            {
                return true;
            }
        }
        return false;

        static int Next(ReadOnlySpan<byte> json, int at) => json[(at + 1)..].IndexOf("\\u0000"u8) is var next and >= 0 ? at + 1 + next : -1;
    }

    private static ProblemHttpResult TooLarge(int maxBytes) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        detail: $"The body is larger than {maxBytes} bytes.",
        extensions: new Dictionary<string, object?> { ["error"] = new { code = "MessageSizeTooBig", message = "Activity too large." } });
}
