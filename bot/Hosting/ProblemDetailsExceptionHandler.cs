using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace Atendimento.Bot.Hosting;

/// <summary>
/// The one place unexpected exceptions become responses: bad input the framework detected keeps its 4xx,
/// everything else is a 500 ProblemDetails without internals. Both carry the trace id.
/// </summary>
internal sealed partial class ProblemDetailsExceptionHandler(IProblemDetailsService problems, ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, "Bad request"),
            JsonException => (StatusCodes.Status400BadRequest, "Malformed JSON"),
            Conversations.ChannelDeliveryException => (StatusCodes.Status502BadGateway, "The customer's channel did not take the message"),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => (499, "Client closed request"),
            _ => (StatusCodes.Status500InternalServerError, "Unexpected error"),
        };
        if (status >= 500 && exception is not Conversations.ChannelDeliveryException)
        {
            LogUnhandled(exception, httpContext.Request.Method, httpContext.Request.Path);
        }
        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = Describe(exception, status) },
        });
    }

    /// <summary>Tells the caller what was wrong without naming our types or the framework's binding internals.</summary>
    private static string? Describe(Exception exception, int status) => exception switch
    {
        Conversations.ChannelDeliveryException => "What was to be sent waits in the conversation's outbox and is sent again before the conversation's next activity.",
        _ when status >= 500 => null,
        BadHttpRequestException { InnerException: JsonException json } => JsonErrors.Describe(json),
        JsonException json => JsonErrors.Describe(json),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => "The request body is too large.",
        BadHttpRequestException => "The request could not be read; check its JSON body and parameters.",
        _ => null,
    };

    [LoggerMessage(EventId = 9001, Level = LogLevel.Error, Message = "Unhandled exception on {Method} {Path}")]
    private partial void LogUnhandled(Exception exception, string method, string path);
}
