using Atendimento.Routing.Agents;
using Atendimento.Routing.Delivery;
using Atendimento.Routing.Tickets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Atendimento.Routing.Api;

/// <summary>The agent API, first cut: read tickets and their transcripts, accept, reply, resolve.</summary>
internal static class TicketEndpoints
{
    public const int MaxMessageLength = 4096;
    private const int ListLimit = 100;

    public static void Map(IEndpointRouteBuilder app)
    {
        var tickets = app.MapGroup("/api/v1/tickets").RequireAuthorization(ApiKeyAuthenticationHandler.AgentPolicy).WithTags("Tickets");
        tickets.MapGet("/", ListAsync).WithSummary("Lists the tenant's tickets, newest first, optionally by status.");
        tickets.MapGet("/{id:long}", GetAsync).WithSummary("One ticket with its handoff record.");
        tickets.MapGet("/{id:long}/messages", GetMessagesAsync).WithSummary("The whole transcript: bot, customer and agents.");
        tickets.MapPost("/{id:long}/accept", AcceptAsync).WithSummary("The calling agent takes the ticket.");
        tickets.MapPost("/{id:long}/messages", ReplyAsync).WithSummary("Sends the agent's message to the customer on their channel.");
        tickets.MapPost("/{id:long}/resolve", ResolveAsync).WithSummary("Ends the human part; the bot owns the conversation again.");
    }

    private static async Task<Results<Ok<TicketListResponse>, ValidationProblem>> ListAsync(
        string? status, HttpContext http, ITicketStore store, CancellationToken cancellationToken)
    {
        TicketStatus? filter = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!Enum.TryParse<TicketStatus>(status, ignoreCase: true, out var parsed) || int.TryParse(status, out _))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["status"] = [$"Unknown status '{status}'. Use one of: {string.Join(", ", Enum.GetNames<TicketStatus>())}."],
                });
            }
            filter = parsed;
        }
        var (tenant, _) = AgentPrincipal.Read(http.User);
        var list = await store.ListAsync(tenant, filter, ListLimit, cancellationToken);
        return TypedResults.Ok(new TicketListResponse(list.Select(t => TicketResponse.From(t, withHandoff: false)).ToList()));
    }

    private static async Task<Results<Ok<TicketResponse>, ProblemHttpResult>> GetAsync(
        long id, HttpContext http, ITicketStore store, CancellationToken cancellationToken)
    {
        var (tenant, _) = AgentPrincipal.Read(http.User);
        var ticket = await store.GetAsync(tenant, new TicketId(id), cancellationToken);
        return ticket is null ? TicketNotFound(id) : TypedResults.Ok(TicketResponse.From(ticket, withHandoff: true));
    }

    private static async Task<Results<Ok<TicketMessagesResponse>, ProblemHttpResult>> GetMessagesAsync(
        long id, HttpContext http, ITicketStore store, ITicketMessageDeliveries deliveries, CancellationToken cancellationToken)
    {
        var (tenant, _) = AgentPrincipal.Read(http.User);
        if (await store.GetAsync(tenant, new TicketId(id), cancellationToken) is null)
        {
            return TicketNotFound(id);
        }
        var messages = await store.GetMessagesAsync(tenant, new TicketId(id), cancellationToken);
        var delivered = await deliveries.ForTicketAsync(tenant, new TicketId(id), cancellationToken);
        return TypedResults.Ok(new TicketMessagesResponse(id,
            messages.Select(m => TicketMessageResponse.From(m, delivered.GetValueOrDefault(m.Sequence))).ToList()));
    }

    private static async Task<Results<Ok<TicketResponse>, ProblemHttpResult>> AcceptAsync(
        long id, HttpContext http, IAgentDirectory agents, TicketService service, CancellationToken cancellationToken)
    {
        var agent = await CurrentAgentAsync(http, agents, cancellationToken);
        return ToResponse(id, await service.AcceptAsync(agent, new TicketId(id), cancellationToken));
    }

    private static async Task<Results<Ok<TicketResponse>, ProblemHttpResult>> ResolveAsync(
        long id, HttpContext http, IAgentDirectory agents, TicketService service, CancellationToken cancellationToken)
    {
        var agent = await CurrentAgentAsync(http, agents, cancellationToken);
        return ToResponse(id, await service.ResolveAsync(agent, new TicketId(id), cancellationToken));
    }

    private static async Task<Results<Created<TicketMessageResponse>, ValidationProblem, ProblemHttpResult>> ReplyAsync(
        long id, PostMessageRequest request, HttpContext http, IAgentDirectory agents, TicketService service, CancellationToken cancellationToken)
    {
        var text = request.Text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > MaxMessageLength)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["text"] = [$"Text is required and at most {MaxMessageLength} characters."],
            });
        }
        var agent = await CurrentAgentAsync(http, agents, cancellationToken);
        var result = await service.ReplyAsync(agent, new TicketId(id), text, cancellationToken);
        return result.Outcome switch
        {
            TicketCommandOutcome.Done => TypedResults.Created($"/api/v1/tickets/{id}/messages", TicketMessageResponse.From(result.Message!)),
            TicketCommandOutcome.NotFound => TicketNotFound(id),
            _ => Refused(result.Reason!),
        };
    }

    private static async Task<Agent> CurrentAgentAsync(HttpContext http, IAgentDirectory agents, CancellationToken cancellationToken)
    {
        var (tenant, agentId) = AgentPrincipal.Read(http.User);
        return await agents.GetAsync(tenant, agentId, cancellationToken)
            ?? throw new InvalidOperationException("An authenticated agent vanished from the directory.");
    }

    private static Results<Ok<TicketResponse>, ProblemHttpResult> ToResponse(long id, TicketCommandResult result) => result.Outcome switch
    {
        TicketCommandOutcome.Done => TypedResults.Ok(TicketResponse.From(result.Ticket!, withHandoff: true)),
        TicketCommandOutcome.NotFound => TicketNotFound(id),
        _ => Refused(result.Reason!),
    };

    private static ProblemHttpResult TicketNotFound(long id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Ticket not found", detail: $"There is no ticket {id} for your tenant.");

    private static ProblemHttpResult Refused(string reason) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Transition refused", detail: reason);
}
