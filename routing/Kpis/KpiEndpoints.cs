using System.Text;
using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Api;
using Atendimento.Routing.Desk.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Atendimento.Routing.Kpis;

/// <summary>
/// The KPIs of the caller's tenant, as JSON or CSV: <c>/api/v1/kpis</c> for an agent API key, <c>/desk/api/kpis</c>
/// for a desk supervisor or admin session. The tenant is always the caller's, never a parameter.
/// </summary>
internal static class KpiEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(ApiKeyAuthenticationHandler.AgentPolicy).WithTags("KPIs");
        api.MapGet("/kpis", (HttpContext http, KpiService kpis, CancellationToken cancellationToken) =>
                AnswerAsync(http, kpis, AgentPrincipal.Read(http.User).Tenant, WantsCsv(http), cancellationToken))
            .WithSummary("The tenant's KPIs for a period (from, to; optional level, queue, channel, groupBy=day|week); CSV with Accept: text/csv.");
        api.MapGet("/kpis.csv", (HttpContext http, KpiService kpis, CancellationToken cancellationToken) =>
                AnswerAsync(http, kpis, AgentPrincipal.Read(http.User).Tenant, csv: true, cancellationToken))
            .WithSummary("The same KPIs as CSV (RFC 4180, a header row, invariant culture).");

        var desk = app.MapGroup("/desk/api").RequireAuthorization(DeskAuthentication.SupervisorPolicy).WithTags("Desk");
        desk.MapGet("/kpis", (HttpContext http, KpiService kpis, CancellationToken cancellationToken) =>
                AnswerAsync(http, kpis, DeskAuthentication.Tenant(http.User), WantsCsv(http), cancellationToken))
            .WithSummary("The tenant's KPIs for supervisors and admins of the desk.");
        desk.MapGet("/kpis.csv", (HttpContext http, KpiService kpis, CancellationToken cancellationToken) =>
                AnswerAsync(http, kpis, DeskAuthentication.Tenant(http.User), csv: true, cancellationToken))
            .WithSummary("The desk's KPIs as CSV.");
    }

    private static async Task<Results<Ok<KpiResponse>, FileContentHttpResult, ValidationProblem>> AnswerAsync(
        HttpContext http, KpiService kpis, TenantId tenant, bool csv, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var parameters = http.Request.Query;
        var query = KpiRequest.Parse(errors, parameters["from"], parameters["to"], parameters["level"], parameters["queue"],
            parameters["channel"], parameters["groupBy"]);
        if (query is null)
        {
            return errors.Problem();
        }
        var report = await kpis.ComputeAsync(tenant, query, cancellationToken);
        return csv
            ? TypedResults.File(Encoding.UTF8.GetBytes(KpiCsv.Write(report)), KpiCsv.ContentType + "; charset=utf-8", "kpis.csv")
            : TypedResults.Ok(KpiResponse.Of(tenant.Value, report));
    }

    private static bool WantsCsv(HttpContext http) =>
        http.Request.GetTypedHeaders().Accept.Any(accept => accept.MediaType.Equals(KpiCsv.ContentType, StringComparison.OrdinalIgnoreCase));
}
