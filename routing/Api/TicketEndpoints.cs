using Atendimento.Routing.Delivery;
using Atendimento.Routing.Tickets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Atendimento.Routing.Api;

/// <summary>The agent API: reading tickets, their transcripts and audit logs. The operations are in <see cref="TicketCommandEndpoints"/>.</summary>
internal static class TicketEndpoints
{
    public const int MaxMessageLength = FieldErrors.MaxTextLength;
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 200;

    public static void Map(IEndpointRouteBuilder app)
    {
        var tickets = app.MapGroup("/api/v1/tickets").RequireAuthorization(ApiKeyAuthenticationHandler.AgentPolicy).WithTags("Tickets");
        MapReads(tickets);
        TicketCommandEndpoints.Map(tickets);
    }

    /// <summary>The reads, on a group that says who may call them (the API key here, the desk session in Desk/).</summary>
    public static void MapReads(RouteGroupBuilder tickets)
    {
        tickets.MapGet("/", ListAsync).WithSummary("Lists the tenant's tickets, newest first, a page at a time, by status, level, queue or assignee.");
        tickets.MapGet("/{id:long}", GetAsync).WithSummary("One ticket with its handoff record.");
        tickets.MapGet("/{id:long}/messages", GetMessagesAsync).WithSummary("The whole transcript: bot, customer, agents and internal notes.");
        tickets.MapGet("/{id:long}/audit", GetAuditAsync).WithSummary("Every operation on the ticket: who, why, from, to, when.");
    }

    private static async Task<Results<Ok<TicketListResponse>, ValidationProblem>> ListAsync(
        string? status, string? level, string? queue, string? assignee, string? cursor, string? limit,
        HttpContext http, ITicketStore store, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var query = new TicketQuery(
            errors.Enum<TicketStatus>("status", status, required: false),
            errors.Enum<SupportLevel>("level", level, required: false),
            errors.Name("queue", queue, required: false),
            errors.Name("assignee", assignee, required: false),
            BeforeId(errors, cursor),
            PageSize(errors, limit));
        if (errors.Any)
        {
            return errors.Problem();
        }
        var (tenant, _) = AgentPrincipal.Read(http.User);
        var page = await store.ListAsync(tenant, query, cancellationToken);
        return TypedResults.Ok(new TicketListResponse(
            page.Items.Select(t => TicketResponse.From(t, withHandoff: false)).ToList(), TicketCursor.Encode(page.NextBeforeId)));
    }

    private static async Task<Results<Ok<TicketResponse>, ProblemHttpResult>> GetAsync(
        long id, HttpContext http, ITicketStore store, CancellationToken cancellationToken)
    {
        var (tenant, _) = AgentPrincipal.Read(http.User);
        var ticket = await store.GetAsync(tenant, new TicketId(id), cancellationToken);
        return ticket is null ? TicketResults.NotFound(id) : TypedResults.Ok(TicketResponse.From(ticket, withHandoff: true));
    }

    private static async Task<Results<Ok<TicketMessagesResponse>, ProblemHttpResult>> GetMessagesAsync(
        long id, HttpContext http, ITicketStore store, ITicketMessageDeliveries deliveries, CancellationToken cancellationToken)
    {
        var (tenant, _) = AgentPrincipal.Read(http.User);
        if (await store.GetAsync(tenant, new TicketId(id), cancellationToken) is null)
        {
            return TicketResults.NotFound(id);
        }
        var messages = await store.GetMessagesAsync(tenant, new TicketId(id), cancellationToken);
        var delivered = await deliveries.ForTicketAsync(tenant, new TicketId(id), cancellationToken);
        return TypedResults.Ok(new TicketMessagesResponse(id,
            messages.Select(m => TicketMessageResponse.From(m, delivered.GetValueOrDefault(m.Sequence))).ToList()));
    }

    private static async Task<Results<Ok<TicketAuditResponse>, ProblemHttpResult>> GetAuditAsync(
        long id, HttpContext http, ITicketStore store, CancellationToken cancellationToken)
    {
        var (tenant, _) = AgentPrincipal.Read(http.User);
        if (await store.GetAsync(tenant, new TicketId(id), cancellationToken) is null)
        {
            return TicketResults.NotFound(id);
        }
        var audit = await store.GetAuditAsync(tenant, new TicketId(id), cancellationToken);
        return TypedResults.Ok(new TicketAuditResponse(id, audit.Select(TicketAuditEntryResponse.Of).ToList()));
    }

    private static long? BeforeId(FieldErrors errors, string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return null;
        }
        if (TicketCursor.TryDecode(cursor, out var beforeId))
        {
            return beforeId;
        }
        errors.Add("cursor", "Unknown cursor; pass the nextCursor of a previous page unchanged.");
        return null;
    }

    private static int PageSize(FieldErrors errors, string? limit)
    {
        if (string.IsNullOrEmpty(limit))
        {
            return DefaultPageSize;
        }
        if (int.TryParse(limit, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var size) && size is >= 1 and <= MaxPageSize)
        {
            return size;
        }
        errors.Add("limit", $"Limit must be a whole number from 1 to {MaxPageSize}.");
        return DefaultPageSize;
    }
}
