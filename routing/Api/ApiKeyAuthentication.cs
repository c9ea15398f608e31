using System.Security.Claims;
using System.Text.Encodings.Web;
using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Agents;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Atendimento.Routing.Api;

/// <summary>Agents call the API with <c>Authorization: Bearer &lt;api key&gt;</c>; the key names the agent and its tenant.</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IAgentDirectory agents)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "AgentApiKey";
    public const string AgentPolicy = "Agent";
    public const string TenantClaim = "tenant";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers[HeaderNames.Authorization].ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var agent = await agents.FindByApiKeyAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (agent is null)
        {
            return AuthenticateResult.Fail("Unknown API key.");
        }
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, agent.Id), new Claim(ClaimTypes.Name, agent.Name), new Claim(TenantClaim, agent.TenantId.Value)],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}

/// <summary>
/// The caller of the ticket API: an agent's API key, or a desk session (whose name is the user name; the agent it
/// acts as is in its own claim, absent for a supervisor, who may read but not act).
/// </summary>
internal static class AgentPrincipal
{
    public static (TenantId Tenant, string? AgentId) Read(ClaimsPrincipal user) =>
        (new TenantId(user.FindFirstValue(ApiKeyAuthenticationHandler.TenantClaim)!),
         user.Identity?.AuthenticationType == Desk.Identity.DeskAuthentication.Scheme
             ? user.FindFirstValue(Desk.Identity.DeskAuthentication.AgentClaim)
             : user.FindFirstValue(ClaimTypes.NameIdentifier));
}
