using Atendimento.Routing.Agents;
using Atendimento.Routing.Assignment;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Atendimento.Routing.Api;

/// <summary>
/// Agents and routing for the agent API key: the tenant's roster, the caller's presence, and pick mode
/// (<c>POST /api/v1/tickets/next</c>). The logic is in <see cref="AgentRoster"/>, <see cref="AgentPresenceService"/>
/// and <see cref="TicketPicker"/>, so other front ends (the desk) call the same code.
/// </summary>
internal static class AgentEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var agents = app.MapGroup("/api/v1/agents").RequireAuthorization(ApiKeyAuthenticationHandler.AgentPolicy).WithTags("Agents");
        agents.MapGet("/", ListAsync).WithSummary("The tenant's agents: levels, skills, capacity, current load, presence and idle since.");
        agents.MapPut("/me/presence", SetPresenceAsync)
            .WithSummary("Sets the calling agent's presence (Online, Away, Offline); going Offline returns their unaccepted tickets to the queue.");
        app.MapPost("/api/v1/tickets/next", NextAsync).RequireAuthorization(ApiKeyAuthenticationHandler.AgentPolicy).WithTags("Tickets")
            .WithSummary("Pick mode: the calling agent takes the next queued ticket they can serve. 204 when there is none.");
    }

    private static async Task<Ok<AgentListResponse>> ListAsync(HttpContext http, AgentRoster roster, CancellationToken cancellationToken)
    {
        var (tenant, _) = AgentPrincipal.Read(http.User);
        var agents = await roster.ListAsync(tenant, cancellationToken);
        return TypedResults.Ok(new AgentListResponse(agents.Select(AgentResponse.From).ToList()));
    }

    private static async Task<Results<Ok<AgentResponse>, ValidationProblem, ProblemHttpResult>> SetPresenceAsync(
        PresenceRequest request, HttpContext http, AgentPresenceService service, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var presence = errors.Enum<AgentPresence>("presence", request.Presence, required: true);
        if (errors.Any)
        {
            return errors.Problem();
        }
        var (tenant, agentId) = AgentPrincipal.Read(http.User);
        // The Agent policy admits only API keys, and every key names its agent.
        var status = await service.SetAsync(tenant, agentId!, presence!.Value, cancellationToken);
        return status is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Agent not found", detail: $"There is no agent {agentId} in your tenant.")
            : TypedResults.Ok(AgentResponse.From(status));
    }

    private static async Task<Results<Ok<TicketResponse>, NoContent, ProblemHttpResult>> NextAsync(
        HttpContext http, TicketPicker picker, CancellationToken cancellationToken)
    {
        var agent = await TicketResults.CurrentAgentAsync(http);
        var picked = await picker.NextAsync(agent, cancellationToken);
        if (picked.Refusal is { } refusal)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "At capacity", detail: refusal);
        }
        return picked.Ticket is { } ticket ? TypedResults.Ok(TicketResponse.From(ticket, withHandoff: true)) : TypedResults.NoContent();
    }
}

public sealed record PresenceRequest(string? Presence);

public sealed record AgentListResponse(IReadOnlyList<AgentResponse> Items);

/// <summary>An agent as the API shows them; <see cref="Load"/> counts their assigned, in-progress and waiting-on-customer tickets.</summary>
public sealed record AgentResponse(
    string Id, string Name, IReadOnlyList<string> Levels, IReadOnlyList<string> Skills, int Capacity, int Load,
    string Presence, DateTimeOffset? PresenceSince, DateTimeOffset? IdleSince)
{
    public static AgentResponse From(AgentStatus status) => new(
        status.Agent.Id, status.Agent.Name, [status.Agent.Level.ToString()], status.Agent.Skills, status.Agent.Capacity, status.Load,
        status.Presence.ToString(), status.PresenceSince, status.IdleSince);
}
