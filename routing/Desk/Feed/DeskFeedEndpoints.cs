using System.Globalization;
using System.Security.Claims;
using Atendimento.Routing.Agents;
using System.Text.Json;
using Atendimento.Routing.Desk.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Atendimento.Routing.Desk.Feed;

/// <summary>
/// <c>GET /desk/api/events</c>: the tenant's feed as Server-Sent Events. A browser's EventSource reconnects by
/// itself with <c>Last-Event-ID</c>; the stream resumes right after it, so nothing is lost or shown twice.
/// </summary>
internal static class DeskFeedEndpoints
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/desk/api/events", StreamAsync).RequireAuthorization(DeskAuthentication.AnyUserPolicy).WithTags("Desk");

    private static async Task<IResult> StreamAsync(HttpContext http, DeskFeed feed, IAgentDirectory agents, CancellationToken cancellationToken)
    {
        var resumeFrom = http.Request.Headers["Last-Event-ID"].FirstOrDefault() ?? http.Request.Query["after"].FirstOrDefault() ?? "0";
        if (!long.TryParse(resumeFrom, NumberStyles.None, CultureInfo.InvariantCulture, out var afterId))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid event id",
                detail: "Last-Event-ID (or ?after=) must be the id of an event this feed sent.");
        }
        var viewer = await ViewerAsync(http.User, agents, cancellationToken);
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        // Proxies such as nginx would otherwise hold the events back in their buffers.
        http.Response.Headers["X-Accel-Buffering"] = "no";
        await http.Response.WriteAsync("retry: 2000\n\n", cancellationToken);
        await http.Response.Body.FlushAsync(cancellationToken);
        try
        {
            await feed.FollowAsync(DeskAuthentication.Tenant(http.User), afterId, viewer.Sees,
                item => WriteAsync(http.Response, Frame(item), cancellationToken),
                () => WriteAsync(http.Response, ": keep-alive\n\n", cancellationToken),
                cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The agent closed the page or lost the connection: the stream simply ends.
        }
        return TypedResults.Empty;
    }

    /// <summary>Read once per stream: a change of the agent's level shows from their next connection on.</summary>
    private static async Task<DeskViewer> ViewerAsync(ClaimsPrincipal user, IAgentDirectory agents, CancellationToken cancellationToken)
    {
        if (user.IsInRole(nameof(DeskRole.Supervisor)) || user.IsInRole(nameof(DeskRole.Admin)))
        {
            return new DeskViewer(SeesAll: true, null, null);
        }
        var agentId = user.FindFirstValue(DeskAuthentication.AgentClaim);
        var agent = agentId is null ? null : await agents.GetAsync(DeskAuthentication.Tenant(user), agentId, cancellationToken);
        return new DeskViewer(SeesAll: false, agentId, agent?.Level);
    }

    private static string Frame(DeskEvent item)
    {
        using var payload = JsonDocument.Parse(item.Payload);
        var data = JsonSerializer.Serialize(new { id = item.Id, kind = item.Kind, ticketId = item.TicketId, at = item.At, payload = payload.RootElement });
        return $"id: {item.Id.ToString(CultureInfo.InvariantCulture)}\nevent: {item.Kind}\ndata: {data}\n\n";
    }

    private static async Task WriteAsync(HttpResponse response, string text, CancellationToken cancellationToken)
    {
        await response.WriteAsync(text, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
