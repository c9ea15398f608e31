using System.Text.Json;
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
            buffer.Position = 0;
            var value = await JsonSerializer.DeserializeAsync<T>(buffer, options, cancellationToken);
            return value is null ? (null, DirectLineProblems.BadActivity("The request body is JSON null.")) : (value, null);
        }
        catch (JsonException exception)
        {
            // Position only: the exception's own message names our internal types.
            return (null, DirectLineProblems.BadActivity($"The request body is not valid JSON (line {exception.LineNumber + 1}, byte {exception.BytePositionInLine})."));
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(maxBytes));
        }
    }

    private static ProblemHttpResult TooLarge(int maxBytes) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        detail: $"The body is larger than {maxBytes} bytes.",
        extensions: new Dictionary<string, object?> { ["error"] = new { code = "MessageSizeTooBig", message = "Activity too large." } });
}
