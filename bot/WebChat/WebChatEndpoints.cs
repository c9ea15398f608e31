using Atendimento.Bot.Channels.DirectLine;
using Atendimento.Platform.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Atendimento.Bot.WebChat;

/// <summary>
/// The demo page at <c>/</c> with the official Web Chat widget, and the small backend every site that embeds
/// Web Chat needs: it trades the tenant's secret (kept on the server) for a one-conversation token.
/// </summary>
internal static class WebChatEndpoints
{
    public const string TokenRateLimit = "webchat-token";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/", (IWebHostEnvironment environment) => Results.File(Path.Combine(environment.WebRootPath, "index.html"), "text/html; charset=utf-8"))
            .ExcludeFromDescription();
        app.MapGet("/webchat/webchat.js", Script).ExcludeFromDescription();
        app.MapPost("/webchat/token", IssueTokenAsync).RequireRateLimiting(TokenRateLimit)
            .WithTags("Web Chat").WithSummary("A Direct Line token for a new visitor of the page.");
    }

    private static IResult Script(IOptions<WebChatOptions> options, IWebHostEnvironment environment)
    {
        var local = LocalScript(options.Value, environment.ContentRootPath);
        return local is null ? Results.Redirect(options.Value.CdnUrl) : Results.File(local, "text/javascript; charset=utf-8");
    }

    private static async Task<Results<Ok<ConversationResponse>, ProblemHttpResult>> IssueTokenAsync(
        IOptions<WebChatOptions> options, DirectLineService service, DirectLineTokens tokens, CancellationToken cancellationToken)
    {
        var tenant = new TenantId(options.Value.TenantId);
        var conversation = await service.ReserveAsync(tenant, userId: null, cancellationToken);
        return TypedResults.Ok(new ConversationResponse(conversation.Id, tokens.Issue(tenant, conversation.Id, conversation.UserId), tokens.LifetimeSeconds));
    }

    private static string? LocalScript(WebChatOptions options, string contentRoot)
    {
        string?[] candidates =
        [
            options.ScriptPath,
            Path.Combine(contentRoot, "..", ".cache", "webchat", "webchat.js"),
            Path.Combine(contentRoot, ".cache", "webchat", "webchat.js"),
        ];
        return candidates.FirstOrDefault(path => path is not null && File.Exists(path));
    }
}
