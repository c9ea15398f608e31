using System.Globalization;
using System.Security.Claims;
using Atendimento.Platform.Tenancy;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Atendimento.Routing.Desk.Identity;

public sealed record SignInRequest(string? Tenant, string? UserName, string? Password);

/// <summary>Who is signed in, and the CSRF token the page sends back in <c>X-CSRF-TOKEN</c> on every change.</summary>
public sealed record DeskSession(string Tenant, string UserName, string DisplayName, string Role, string? AgentId, string CsrfToken);

/// <summary>Sign in, see the session, sign out: <c>/desk/api/session</c>.</summary>
internal static class DeskSessionEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var session = app.MapGroup("/desk/api/session").WithTags("Desk");
        session.MapPost("/", SignInAsync).AllowAnonymous();
        session.MapGet("/", Current).RequireAuthorization(DeskAuthentication.AnyUserPolicy);
        session.MapDelete("/", (Func<HttpContext, Task<NoContent>>)SignOutAsync).RequireAuthorization(DeskAuthentication.AnyUserPolicy).AddEndpointFilter<CsrfFilter>();
    }

    private static async Task<Results<Ok<DeskSession>, ValidationProblem, ProblemHttpResult>> SignInAsync(
        SignInRequest request, HttpContext http, DeskSignIn signIn, IAntiforgery antiforgery, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(request.UserName))
        {
            errors["userName"] = ["The user name is required."];
        }
        if (string.IsNullOrEmpty(request.Password))
        {
            errors["password"] = ["The password is required."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var tenant = string.IsNullOrWhiteSpace(request.Tenant) ? TenantId.Default : new TenantId(request.Tenant.Trim());
        var outcome = await signIn.SignInAsync(tenant, request.UserName!, request.Password!, http.Connection.RemoteIpAddress?.ToString(), cancellationToken);
        if (outcome.RetryAfter is { } wait)
        {
            http.Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many failed sign-ins", detail: "Wait before trying again.");
        }
        if (outcome.User is not { } user)
        {
            // One answer for an unknown user and a wrong password, so it does not tell which accounts exist.
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Invalid user name or password");
        }
        var principal = DeskAuthentication.Principal(user);
        await http.SignInAsync(DeskAuthentication.Scheme, principal);
        // The CSRF token is bound to the user it is issued for: issue it for the principal just signed in.
        http.User = principal;
        return TypedResults.Ok(Describe(principal, antiforgery.GetAndStoreTokens(http).RequestToken!));
    }

    private static Ok<DeskSession> Current(HttpContext http, IAntiforgery antiforgery) =>
        TypedResults.Ok(Describe(http.User, antiforgery.GetAndStoreTokens(http).RequestToken!));

    private static async Task<NoContent> SignOutAsync(HttpContext http)
    {
        await http.SignOutAsync(DeskAuthentication.Scheme);
        return TypedResults.NoContent();
    }

    private static DeskSession Describe(ClaimsPrincipal user, string csrfToken) => new(
        user.FindFirstValue(DeskAuthentication.TenantClaim)!,
        user.FindFirstValue(ClaimTypes.NameIdentifier)!,
        user.FindFirstValue(ClaimTypes.Name)!,
        user.FindFirstValue(ClaimTypes.Role)!,
        user.FindFirstValue(DeskAuthentication.AgentClaim),
        csrfToken);
}

/// <summary>
/// Refuses a change made with the desk's cookie unless it carries the CSRF token the session handed out: another
/// site can make the browser send the cookie, but cannot read the token.
/// </summary>
internal sealed class CsrfFilter(IAntiforgery antiforgery) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            await antiforgery.ValidateRequestAsync(context.HttpContext);
        }
        catch (AntiforgeryValidationException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Missing or invalid CSRF token",
                detail: $"Send the csrfToken of GET /desk/api/session in the {DeskAuthentication.CsrfHeader} header.");
        }
        return await next(context);
    }
}
