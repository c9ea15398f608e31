using Atendimento.Platform.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Atendimento.Bot.Channels.DirectLine;

/// <summary>Who is calling: a tenant's secret (any conversation of the tenant) or a conversation token (one conversation, one user).</summary>
internal sealed record DirectLineCaller(TenantId TenantId, TokenClaims? Token)
{
    public bool MayUse(DirectLineConversation conversation) =>
        conversation.TenantId == TenantId && (Token is null || Token.ConversationId == conversation.Id);
}

internal static class DirectLineAuth
{
    public static (DirectLineCaller? Caller, ProblemHttpResult? Problem) FromHeader(HttpRequest request, DirectLineTokens tokens)
    {
        var header = request.Headers[HeaderNames.Authorization].ToString();
        const string scheme = "Bearer ";
        var credential = header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim() : string.Empty;
        // DirectLineJS sends "Bearer undefined" when the page gave it nothing (specs §3.1).
        return credential is "" or "undefined" or "null" ? (null, DirectLineProblems.MissingAuthorization()) : FromCredential(credential, tokens);
    }

    public static (DirectLineCaller? Caller, ProblemHttpResult? Problem) FromCredential(string credential, DirectLineTokens tokens)
    {
        if (tokens.TenantForSecret(credential) is { } tenant)
        {
            return (new DirectLineCaller(tenant, null), null);
        }
        var (status, claims) = tokens.Validate(credential);
        return status switch
        {
            TokenStatus.Valid => (new DirectLineCaller(claims!.TenantId, claims), null),
            TokenStatus.Expired => (null, DirectLineProblems.ExpiredToken()),
            _ => (null, DirectLineProblems.InvalidToken()),
        };
    }
}
