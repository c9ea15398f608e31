using Atendimento.Bot.Admin;
using Atendimento.Platform.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Atendimento.Bot.Channels.WhatsApp.DeadLetters;

/// <summary>
/// The admin API over WhatsApp dead letters (policy "Admin"): list with filters and a cursor, re-drive by ids or
/// filter, and read the re-drive audit. Always for one tenant, which a tenant-bound admin key must match.
/// </summary>
internal static class DeadLetterEndpoints
{
    public const string Path = "/api/v1/admin/whatsapp";
    private const int MaxPage = 200;
    private const int MaxIds = 1000;

    public static void Map(IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup(Path).WithTags("WhatsApp admin").RequireAuthorization(AdminApiKeyAuthenticationHandler.Policy);
        admin.MapGet("/dead-letters", ListAsync).WithSummary("Dead letters of a tenant, oldest failure first, filtered, a page at a time.");
        admin.MapPost("/dead-letters/redrive", RedriveAsync).WithSummary("Queues dead letters again, by ids or filter; audited.");
        admin.MapGet("/redrives", AuditAsync).WithSummary("The tenant's latest re-drives: who, when, what, how many, result.");
    }

    private static async Task<Results<Ok<DeadLetterPage>, ValidationProblem, ProblemHttpResult>> ListAsync(
        HttpContext http, IWhatsAppDeadLetters deadLetters, string? tenant, string? phoneNumberId, int? errorCode,
        DateTimeOffset? from, DateTimeOffset? to, string? conversationId, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        Require(errors, tenant, "tenant");
        CheckRange(errors, from, to);
        if (limit is < 1 or > MaxPage)
        {
            errors["limit"] = [$"Between 1 and {MaxPage}."];
        }
        DeadLetterCursor? after = null;
        if (cursor is not null && !DeadLetterCursors.TryDecode(cursor, out after))
        {
            errors["cursor"] = ["Not a cursor this API gave out."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        if (Forbidden(http, tenant!) is { } forbidden)
        {
            return forbidden;
        }
        var size = limit ?? 50;
        var filter = new DeadLetterFilter(new TenantId(tenant!), phoneNumberId, errorCode, from, to, conversationId);
        var page = await deadLetters.ListAsync(filter, after, size + 1, cancellationToken);
        var items = page.Take(size).ToList();
        var next = page.Count > size ? DeadLetterCursors.Encode(new DeadLetterCursor(items[^1].UpdatedAt, items[^1].Id)) : null;
        return TypedResults.Ok(new DeadLetterPage(items.Select(DeadLetterResponse.From).ToList(), next));
    }

    private static async Task<Results<Ok<RedriveResponse>, ValidationProblem, ProblemHttpResult>> RedriveAsync(
        HttpContext http, RedriveRequest request, DeadLetterRedrive redrive, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        Require(errors, request.TenantId, "tenantId");
        CheckRange(errors, request.Filter?.From, request.Filter?.To);
        if (request.Ids is null && request.Filter is null)
        {
            errors["ids"] = ["Give ids, a filter, or both; an empty filter ({}) means every dead letter of the tenant."];
        }
        if (request.Ids is { Count: 0 or > MaxIds } || request.Ids?.Any(string.IsNullOrWhiteSpace) == true)
        {
            errors["ids"] = [$"Between 1 and {MaxIds} non-empty ids."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        if (Forbidden(http, request.TenantId!) is { } forbidden)
        {
            return forbidden;
        }
        var f = request.Filter;
        var filter = new DeadLetterFilter(new TenantId(request.TenantId!), f?.PhoneNumberId, f?.ErrorCode, f?.From, f?.To, f?.ConversationId);
        return TypedResults.Ok(await redrive.RedriveAsync(AdminPrincipal.Name(http.User), filter, request.Ids?.Distinct(StringComparer.Ordinal).ToList(), cancellationToken));
    }

    private static async Task<Results<Ok<RedriveAuditResponse>, ValidationProblem, ProblemHttpResult>> AuditAsync(
        HttpContext http, IRedriveAudit audit, string? tenant, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        Require(errors, tenant, "tenant");
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        if (Forbidden(http, tenant!) is { } forbidden)
        {
            return forbidden;
        }
        var records = await audit.LatestAsync(new TenantId(tenant!), MaxPage, cancellationToken);
        return TypedResults.Ok(new RedriveAuditResponse(records.Select(RedriveRecordResponse.From).ToList()));
    }

    private static void Require(Dictionary<string, string[]> errors, string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[name] = ["Required: dead letters are always looked at one tenant at a time."];
        }
    }

    private static void CheckRange(Dictionary<string, string[]> errors, DateTimeOffset? from, DateTimeOffset? to)
    {
        if (from is not null && to is not null && from >= to)
        {
            errors["to"] = ["Must be later than from."];
        }
    }

    private static ProblemHttpResult? Forbidden(HttpContext http, string tenant) => AdminPrincipal.MayActOn(http.User, new TenantId(tenant))
        ? null
        : TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, detail: "This admin key is bound to another tenant.");
}
