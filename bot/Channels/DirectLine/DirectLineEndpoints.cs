using System.Globalization;
using Atendimento.Bot.Activities;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Atendimento.Bot.Channels.DirectLine;

/// <summary>Direct Line 3.0 under /v3/directline, as the official Web Chat widget and DirectLineJS call it (specs §3).</summary>
internal static class DirectLineEndpoints
{
    public const string CorsPolicy = "DirectLine";

    public static void Map(IEndpointRouteBuilder app)
    {
        var directLine = app.MapGroup("/v3/directline").RequireCors(CorsPolicy).WithTags("Direct Line");
        directLine.MapPost("/tokens/generate", GenerateTokenAsync).WithSummary("Reserves a conversation and issues its token (call with the tenant's secret).");
        directLine.MapPost("/tokens/refresh", RefreshToken).WithSummary("A fresh token for the same conversation.");
        directLine.MapPost("/conversations", StartAsync).WithSummary("Starts a conversation: 201 when new, 200 when the token's conversation had started.");
        directLine.MapGet("/conversations/{conversationId}", ReconnectAsync).WithSummary("A new stream URL (and token) to reconnect from a watermark.");
        directLine.MapGet("/conversations/{conversationId}/activities", GetActivitiesAsync).WithSummary("Activities after the watermark.");
        directLine.MapPost("/conversations/{conversationId}/activities", PostActivityAsync).WithSummary("Sends a client activity; returns its server id.");
        directLine.Map("/conversations/{conversationId}/stream", StreamAsync).ExcludeFromDescription();
    }

    private static async Task<Results<Ok<ConversationResponse>, ProblemHttpResult>> GenerateTokenAsync(
        HttpRequest request, DirectLineTokens tokens, DirectLineService service, IOptions<DirectLineOptions> options, CancellationToken cancellationToken)
    {
        var (caller, problem) = DirectLineAuth.FromHeader(request, tokens);
        if (caller is null || caller.Token is not null)
        {
            return problem ?? DirectLineProblems.InvalidToken();
        }
        var (body, badBody) = await RequestBodies.ReadAsync<TokenParameters>(request, options.Value.MaxActivityBytes, ActivityJson.Options, optional: true, cancellationToken);
        if (badBody is not null)
        {
            return badBody;
        }
        var conversation = await service.ReserveAsync(caller.TenantId, body?.User?.Id, cancellationToken);
        return TypedResults.Ok(new ConversationResponse(conversation.Id, tokens.Issue(conversation.TenantId, conversation.Id, conversation.UserId), tokens.LifetimeSeconds));
    }

    private static Results<Ok<ConversationResponse>, ProblemHttpResult> RefreshToken(HttpRequest request, DirectLineTokens tokens)
    {
        var (caller, problem) = DirectLineAuth.FromHeader(request, tokens);
        if (caller?.Token is not { } claims)
        {
            return problem ?? DirectLineProblems.InvalidToken();
        }
        return TypedResults.Ok(new ConversationResponse(claims.ConversationId, tokens.Issue(claims.TenantId, claims.ConversationId, claims.UserId), tokens.LifetimeSeconds));
    }

    private static async Task<IResult> StartAsync(
        HttpRequest request, DirectLineTokens tokens, DirectLineService service, IDirectLineStore store, IOptions<DirectLineOptions> options, CancellationToken cancellationToken)
    {
        var (caller, problem) = DirectLineAuth.FromHeader(request, tokens);
        if (caller is null)
        {
            return problem!;
        }
        var (body, badBody) = await RequestBodies.ReadAsync<TokenParameters>(request, options.Value.MaxActivityBytes, ActivityJson.Options, optional: true, cancellationToken);
        if (badBody is not null)
        {
            return badBody;
        }
        var conversation = caller.Token is { } claims
            ? await store.GetAsync(claims.ConversationId, cancellationToken)
            : await service.ReserveAsync(caller.TenantId, body?.User?.Id, cancellationToken);
        if (conversation is null)
        {
            return DirectLineProblems.UnknownConversation(caller.Token!.ConversationId);
        }
        var started = await service.StartAsync(conversation, body?.User?.Name, cancellationToken);
        var response = Describe(request, tokens, conversation, watermark: null);
        return started ? TypedResults.Created((string?)null, response) : TypedResults.Ok(response);
    }

    private static async Task<Results<Ok<ConversationResponse>, ProblemHttpResult>> ReconnectAsync(
        string conversationId, string? watermark, HttpRequest request, DirectLineTokens tokens, IDirectLineStore store, CancellationToken cancellationToken)
    {
        var (conversation, problem) = await AuthorizeAsync(request, conversationId, tokens, store, cancellationToken);
        return conversation is null ? problem! : TypedResults.Ok(Describe(request, tokens, conversation, ParseWatermark(watermark)));
    }

    private static async Task<Results<JsonHttpResult<ActivitySet>, ProblemHttpResult>> GetActivitiesAsync(
        string conversationId, string? watermark, HttpRequest request, DirectLineTokens tokens, IDirectLineStore store, CancellationToken cancellationToken)
    {
        var (conversation, problem) = await AuthorizeAsync(request, conversationId, tokens, store, cancellationToken);
        if (conversation is null)
        {
            return problem!;
        }
        var page = await store.ReadAfterAsync(conversationId, ParseWatermark(watermark), 500, cancellationToken);
        return TypedResults.Json(new ActivitySet(page.Activities, page.Watermark.ToString(CultureInfo.InvariantCulture)), ActivityJson.Options);
    }

    private static async Task<Results<Ok<ResourceResponse>, ProblemHttpResult>> PostActivityAsync(
        string conversationId, HttpRequest request, DirectLineTokens tokens, IDirectLineStore store, DirectLineService service,
        IOptions<DirectLineOptions> options, CancellationToken cancellationToken)
    {
        var (conversation, problem) = await AuthorizeAsync(request, conversationId, tokens, store, cancellationToken);
        if (conversation is null)
        {
            return problem!;
        }
        var (activity, badBody) = await RequestBodies.ReadAsync<Activity>(request, options.Value.MaxActivityBytes, ActivityJson.Options, optional: false, cancellationToken);
        if (activity is null)
        {
            return badBody!;
        }
        if (Refuse(activity) is { } refusal)
        {
            return DirectLineProblems.BadActivity(refusal);
        }
        if (!conversation.Started)
        {
            await service.StartAsync(conversation, activity.From?.Name, cancellationToken);
        }
        return TypedResults.Ok(new ResourceResponse(await service.PostAsync(conversation, activity, cancellationToken)));
    }

    private static async Task<IResult> StreamAsync(
        string conversationId, string? t, string? watermark, HttpContext http, DirectLineTokens tokens, IDirectLineStore store, DirectLineStream stream)
    {
        var (caller, problem) = string.IsNullOrEmpty(t) ? (null, DirectLineProblems.MissingAuthorization()) : DirectLineAuth.FromCredential(t, tokens);
        if (caller is null || caller.Token is null)
        {
            // Only conversation tokens: a tenant secret must never travel in a URL, where proxies and logs keep it.
            return problem ?? DirectLineProblems.InvalidToken();
        }
        var conversation = await store.GetAsync(conversationId, http.RequestAborted);
        if (conversation is null)
        {
            return DirectLineProblems.UnknownConversation(conversationId);
        }
        if (!caller.MayUse(conversation))
        {
            return DirectLineProblems.WrongConversation();
        }
        if (!http.WebSockets.IsWebSocketRequest)
        {
            return DirectLineProblems.BadActivity("The stream is a WebSocket: connect with an Upgrade request.");
        }
        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        await stream.RunAsync(socket, conversationId, ParseWatermark(watermark), http.RequestAborted);
        return Results.Empty;
    }

    /// <summary>What a client may post (specs §3.7): types like conversationUpdate are the server's to send, never a client's.</summary>
    private static readonly string[] ClientActivityTypes =
        [ActivityTypes.Message, ActivityTypes.Event, ActivityTypes.Typing, ActivityTypes.EndOfConversation, ActivityTypes.Invoke];

    private static string? Refuse(Activity activity)
    {
        if (string.IsNullOrWhiteSpace(activity.Type))
        {
            return "The activity needs a 'type'.";
        }
        if (!ClientActivityTypes.Contains(activity.Type, StringComparer.Ordinal))
        {
            return $"Clients may post activities of type {string.Join(", ", ClientActivityTypes)}; '{activity.Type}' is the server's to send.";
        }
        return DirectLineActivityIds.ClientActivityId(activity) is { Length: > DirectLineActivityIds.MaxClientActivityIdLength }
            ? $"channelData.clientActivityID is longer than {DirectLineActivityIds.MaxClientActivityIdLength} characters."
            : null;
    }

    private static async Task<(DirectLineConversation? Conversation, ProblemHttpResult? Problem)> AuthorizeAsync(
        HttpRequest request, string conversationId, DirectLineTokens tokens, IDirectLineStore store, CancellationToken cancellationToken)
    {
        var (caller, problem) = DirectLineAuth.FromHeader(request, tokens);
        if (caller is null)
        {
            return (null, problem);
        }
        var conversation = await store.GetAsync(conversationId, cancellationToken);
        if (conversation is null)
        {
            return (null, DirectLineProblems.UnknownConversation(conversationId));
        }
        return caller.MayUse(conversation) ? (conversation, null) : (null, DirectLineProblems.WrongConversation());
    }

    private static ConversationResponse Describe(HttpRequest request, DirectLineTokens tokens, DirectLineConversation conversation, long? watermark)
    {
        var token = tokens.Issue(conversation.TenantId, conversation.Id, conversation.UserId);
        var streamUrl = $"{StreamBase(request)}/v3/directline/conversations/{Uri.EscapeDataString(conversation.Id)}/stream?t={Uri.EscapeDataString(token)}";
        if (watermark is { } mark)
        {
            streamUrl += $"&watermark={mark.ToString(CultureInfo.InvariantCulture)}";
        }
        return new ConversationResponse(conversation.Id, token, tokens.LifetimeSeconds, streamUrl);
    }

    /// <summary>ws:// or wss:// matching how the client reached us: the configured public address, else the request's.</summary>
    private static string StreamBase(HttpRequest request)
    {
        var configured = request.HttpContext.RequestServices.GetRequiredService<IOptions<DirectLineOptions>>().Value.PublicBaseUrl;
        if (configured is not null)
        {
            var address = new Uri(configured);
            return $"{(address.Scheme == Uri.UriSchemeHttps ? "wss" : "ws")}://{address.Authority}{address.AbsolutePath.TrimEnd('/')}";
        }
        return $"{(request.IsHttps ? "wss" : "ws")}://{request.Host}{request.PathBase}";
    }

    /// <summary>Empty, "-" or garbage mean "from the start"; DirectLineJS sends <c>?watermark=</c> on first use.</summary>
    private static long ParseWatermark(string? watermark) =>
        long.TryParse(watermark, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;
}
