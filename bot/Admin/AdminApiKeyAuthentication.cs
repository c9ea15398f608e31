using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Atendimento.Platform.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Atendimento.Bot.Admin;

/// <summary>
/// Admins call with <c>Authorization: Bearer &lt;admin key&gt;</c>. The key's SHA-256 is compared with every configured
/// hash in constant time (all of them, so the time says nothing about which one matched), as agent keys are.
/// </summary>
internal sealed class AdminApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IOptionsMonitor<AdminOptions> admins)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "AdminApiKey";
    public const string Policy = "Admin";
    public const string TenantClaim = "admin_tenant";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers[HeaderNames.Authorization].ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim()));
        AdminKeyOptions? found = null;
        foreach (var key in admins.CurrentValue.ApiKeys)
        {
            if (CryptographicOperations.FixedTimeEquals(Convert.FromHexString(key.KeySha256), given))
            {
                found = key;
            }
        }
        return Task.FromResult(found is null ? AuthenticateResult.Fail("Unknown admin key.") : AuthenticateResult.Success(Ticket(found)));
    }

    private static AuthenticationTicket Ticket(AdminKeyOptions key)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, key.Name) };
        if (!string.IsNullOrWhiteSpace(key.TenantId))
        {
            claims.Add(new Claim(TenantClaim, key.TenantId));
        }
        return new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName);
    }
}

/// <summary>The admin behind a request: their name (for the audit) and whether a tenant is theirs to act on.</summary>
internal static class AdminPrincipal
{
    public static string Name(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Name)!;

    public static bool MayActOn(ClaimsPrincipal user, TenantId tenant) =>
        user.FindFirstValue(AdminApiKeyAuthenticationHandler.TenantClaim) is not { } only || only == tenant.Value;
}

public static class AdminModule
{
    /// <summary>The "Admin" policy and its key scheme; not a default scheme, so no other API ever looks keys up here.</summary>
    public static IServiceCollection AddAdminAuthorization(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AdminOptions>().Bind(configuration.GetSection(AdminOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, AdminApiKeyAuthenticationHandler>(AdminApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminApiKeyAuthenticationHandler.Policy, policy => policy
                .AddAuthenticationSchemes(AdminApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser());
        return services;
    }
}
