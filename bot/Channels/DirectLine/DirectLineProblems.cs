using Microsoft.AspNetCore.Http.HttpResults;

namespace Atendimento.Bot.Channels.DirectLine;

/// <summary>
/// Errors as RFC 9457 ProblemDetails that also carry Direct Line's <c>{"error":{"code","message"}}</c>, so both
/// generic HTTP clients and DirectLineJS understand them. The status codes are the ones DirectLineJS reacts to (specs §3.2).
/// </summary>
internal static class DirectLineProblems
{
    public static ProblemHttpResult MissingAuthorization() =>
        Problem(StatusCodes.Status401Unauthorized, "MissingProperty", "Send Authorization: Bearer <secret or token>.");

    public static ProblemHttpResult InvalidToken() =>
        Problem(StatusCodes.Status403Forbidden, "BadArgument", "The token or secret is not valid.");

    public static ProblemHttpResult ExpiredToken() =>
        Problem(StatusCodes.Status403Forbidden, "TokenExpired", "The token has expired; start a new conversation or refresh before expiry.");

    public static ProblemHttpResult WrongConversation() =>
        Problem(StatusCodes.Status403Forbidden, "BadArgument", "The token belongs to another conversation.");

    public static ProblemHttpResult UnknownConversation(string conversationId) =>
        Problem(StatusCodes.Status404NotFound, "BadArgument", $"Conversation {conversationId} does not exist.");

    public static ProblemHttpResult BadActivity(string detail) =>
        Problem(StatusCodes.Status400BadRequest, "BadSyntax", detail);

    private static ProblemHttpResult Problem(int status, string code, string message) => TypedResults.Problem(
        statusCode: status,
        detail: message,
        extensions: new Dictionary<string, object?> { ["error"] = new { code, message } });
}
