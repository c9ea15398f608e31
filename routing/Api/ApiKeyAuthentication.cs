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

internal static class AgentPrincipal
{
    public static (TenantId Tenant, string AgentId) Read(ClaimsPrincipal user) =>
        (new TenantId(user.FindFirstValue(ApiKeyAuthenticationHandler.TenantClaim)!), user.FindFirstValue(ClaimTypes.NameIdentifier)!);
}
