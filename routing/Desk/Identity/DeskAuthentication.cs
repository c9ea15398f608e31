using System.Security.Claims;
using Atendimento.Platform.Tenancy;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;

namespace Atendimento.Routing.Desk.Identity;

/// <summary>The desk's cookie session: its scheme, policies and claims.</summary>
public static class DeskAuthentication
{
    public const string Scheme = "DeskCookie";
    public const string CookieName = "atendimento.desk";
    public const string AnyUserPolicy = "DeskUser";

    /// <summary>A desk user who is an agent (has an agent id): may act on tickets as that agent.</summary>
    public const string AgentPolicy = "DeskAgent";
    public const string SupervisorPolicy = "DeskSupervisor";
    public const string AdminPolicy = "DeskAdmin";
    public const string TenantClaim = "tenant";
    public const string AgentClaim = "agent";
    public const string CsrfHeader = "X-CSRF-TOKEN";
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(10);

    public static ClaimsPrincipal Principal(DeskUser user)
    {
        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, user.UserName),
            new(ClaimTypes.Name, user.DisplayName),
            new(ClaimTypes.Role, user.Role.ToString()),
            new(TenantClaim, user.TenantId.Value),
        ];
        if (user.AgentId is { } agent)
        {
            claims.Add(new Claim(AgentClaim, agent));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme));
    }

    public static TenantId Tenant(ClaimsPrincipal user) => new(user.FindFirstValue(TenantClaim)!);

    /// <summary>An API answers 401/403 instead of redirecting to a sign-in page; the page itself handles that.</summary>
    public static void Configure(CookieAuthenticationOptions options)
    {
        options.Cookie.Name = CookieName;
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Strict;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.ExpireTimeSpan = SessionLifetime;
        options.SlidingExpiration = true;
        options.Events.OnRedirectToLogin = context => Status(context.Response, StatusCodes.Status401Unauthorized);
        options.Events.OnRedirectToAccessDenied = context => Status(context.Response, StatusCodes.Status403Forbidden);
    }

    private static Task Status(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }
}
