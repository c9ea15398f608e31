using System.Security.Claims;
using Atendimento.Routing.Agents;
using Atendimento.Routing.Api;
using Atendimento.Routing.Assignment;
using Atendimento.Routing.Desk.Feed;
using Atendimento.Routing.Desk.Identity;
using Atendimento.Routing.Sla;
using Atendimento.Routing.Tickets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Atendimento.Routing.Desk.Tickets;

/// <summary>
/// The ticket API for the desk page, under <c>/desk/api</c> with the session cookie. The reads and the operations
/// are the agent API's own handlers (Api/), so the two cannot drift apart; what changes is who may call them: any
/// desk user of the tenant reads, only a desk user with an agent id acts (as that agent), and every operation must
/// carry the session's CSRF token. Around them: the inbox, the agents, canned responses and the supervisor view.
/// </summary>
internal static class DeskTicketEndpoints
{
    private const int ListLimit = 200;

    public static void Map(IEndpointRouteBuilder app)
    {
        var reads = app.MapGroup("/desk/api/tickets").RequireAuthorization(DeskAuthentication.AnyUserPolicy).WithTags("Desk");
        TicketEndpoints.MapReads(reads);
        var commands = app.MapGroup("/desk/api/tickets").RequireAuthorization(DeskAuthentication.AgentPolicy)
            .AddEndpointFilter<CsrfFilter>().WithTags("Desk");
        TicketCommandEndpoints.Map(commands);

        var desk = app.MapGroup("/desk/api").RequireAuthorization(DeskAuthentication.AnyUserPolicy).WithTags("Desk");
        desk.MapGet("/inbox", InboxAsync).WithSummary("The queue the caller can take and the conversations they hold (all active ones for a supervisor).");
        desk.MapGet("/agents", AgentsAsync).WithSummary("The tenant's agents, to transfer a ticket to.");
        desk.MapGet("/canned-responses", CannedResponsesAsync)
            .WithSummary("The tenant's canned responses; with ?ticketId= their placeholders ({nome}, {agente}, {protocolo}) are filled in.");
        desk.MapGet("/presence", GetPresenceAsync).WithSummary("The calling agent's presence (Online, Away, Offline).");
        app.MapPut("/desk/api/presence", SetPresenceAsync).RequireAuthorization(DeskAuthentication.AgentPolicy)
            .AddEndpointFilter<CsrfFilter>().WithTags("Desk")
            .WithSummary("Sets the calling agent's presence; going Offline returns their assigned, not yet accepted tickets to the queue.");
        app.MapGet("/desk/api/supervisor", SupervisorAsync).RequireAuthorization(DeskAuthentication.SupervisorPolicy).WithTags("Desk")
            .WithSummary("Queues with counts and the oldest wait, agents with load and capacity, tickets at SLA risk.");
    }

    private static async Task<Ok<DeskInbox>> InboxAsync(HttpContext http, ITicketStore store, IAgentDirectory agents, IDeskEventLog feed,
        IOptions<SlaOptions> sla, CancellationToken cancellationToken)
    {
        var tenant = DeskAuthentication.Tenant(http.User);
        var position = await feed.LastIdAsync(tenant, cancellationToken);
        var agentId = http.User.FindFirstValue(DeskAuthentication.AgentClaim);
        var agent = agentId is null ? null : await agents.GetAsync(tenant, agentId, cancellationToken);
        var active = await ActiveTicketsAsync(store, tenant, cancellationToken);
        var seesAll = http.User.IsInRole(nameof(DeskRole.Supervisor)) || http.User.IsInRole(nameof(DeskRole.Admin));
        return TypedResults.Ok(DeskInbox.For(active, agent, seesAll, sla.Value.WarningFraction) with { FeedPosition = position });
    }

    private static async Task<Ok<IReadOnlyList<DeskAgentResponse>>> AgentsAsync(HttpContext http, IAgentDirectory agents, CancellationToken cancellationToken)
    {
        var list = await agents.ListAsync(DeskAuthentication.Tenant(http.User), cancellationToken);
        return TypedResults.Ok<IReadOnlyList<DeskAgentResponse>>(list.Select(a => new DeskAgentResponse(a.Id, a.Name, a.Level.ToString(), a.Capacity)).ToList());
    }

    private static async Task<Results<Ok<IReadOnlyList<CannedResponse>>, ProblemHttpResult>> CannedResponsesAsync(
        long? ticketId, HttpContext http, ITicketStore store, IOptions<CannedResponseOptions> options, CancellationToken cancellationToken)
    {
        var tenant = DeskAuthentication.Tenant(http.User);
        var responses = options.Value.For(tenant);
        if (ticketId is not { } id)
        {
            return TypedResults.Ok(responses);
        }
        if (await store.GetAsync(tenant, new TicketId(id), cancellationToken) is not { } ticket)
        {
            return TicketResults.NotFound(id);
        }
        var filled = responses.Select(r => r with { Text = CannedResponses.Fill(r.Text, ticket, http.User.FindFirstValue(ClaimTypes.Name)) }).ToList();
        return TypedResults.Ok<IReadOnlyList<CannedResponse>>(filled);
    }

    private static async Task<Results<Ok<DeskPresence>, NoContent>> GetPresenceAsync(HttpContext http, AgentRoster roster, CancellationToken cancellationToken)
    {
        var agentId = http.User.FindFirstValue(DeskAuthentication.AgentClaim);
        // A supervisor or admin without an agent has no presence to show.
        return agentId is not null && await roster.GetAsync(DeskAuthentication.Tenant(http.User), agentId, cancellationToken) is { } status
            ? TypedResults.Ok(DeskPresence.From(status))
            : TypedResults.NoContent();
    }

    private static async Task<Results<Ok<DeskPresence>, ValidationProblem, ProblemHttpResult>> SetPresenceAsync(
        PresenceRequest request, HttpContext http, AgentPresenceService presence, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var value = errors.Enum<AgentPresence>("presence", request.Presence, required: true);
        if (errors.Any)
        {
            return errors.Problem();
        }
        // The Agent policy admits only desk users linked to an agent.
        var agentId = http.User.FindFirstValue(DeskAuthentication.AgentClaim)!;
        var status = await presence.SetAsync(DeskAuthentication.Tenant(http.User), agentId, value!.Value, cancellationToken);
        return status is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Agent not found", detail: $"There is no agent {agentId} in your tenant.")
            : TypedResults.Ok(DeskPresence.From(status));
    }

    private static async Task<Ok<SupervisorOverview>> SupervisorAsync(HttpContext http, ITicketStore store, AgentRoster agents,
        IOptions<SlaOptions> sla, SlaCalendars calendars, TimeProvider clock, CancellationToken cancellationToken)
    {
        var tenant = DeskAuthentication.Tenant(http.User);
        var active = await ActiveTicketsAsync(store, tenant, cancellationToken);
        var roster = await agents.ListAsync(tenant, cancellationToken);
        return TypedResults.Ok(SupervisorOverview.Of(active, roster, clock.GetUtcNow(), sla.Value.WarningFraction, calendars.For(tenant)));
    }

    /// <summary>The tenant's active tickets, oldest first (up to <see cref="ListLimit"/> of each status).</summary>
    private static async Task<IReadOnlyList<Ticket>> ActiveTicketsAsync(ITicketStore store, Platform.Tenancy.TenantId tenant, CancellationToken cancellationToken)
    {
        var active = new List<Ticket>();
        foreach (var status in new[] { TicketStatus.Open, TicketStatus.Assigned, TicketStatus.InProgress, TicketStatus.WaitingOnCustomer })
        {
            active.AddRange(await store.ListAsync(tenant, status, ListLimit, cancellationToken));
        }
        return active.OrderBy(t => t.Id.Value).ToList();
    }
}

public sealed record DeskAgentResponse(string Id, string Name, string Level, int Capacity);

/// <summary>The calling agent's presence, since when, and how many active tickets they hold out of their capacity.</summary>
public sealed record DeskPresence(string Presence, DateTimeOffset? Since, int Load, int Capacity)
{
    public static DeskPresence From(AgentStatus status) =>
        new(status.Presence.ToString(), status.PresenceSince, status.Load, status.Agent.Capacity);
}
