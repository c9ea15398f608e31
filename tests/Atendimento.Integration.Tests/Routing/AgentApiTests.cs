using System.Net;
using System.Net.Http.Json;
using Atendimento.Integration.Tests.Api;
using Atendimento.Integration.Tests.Hosting;
using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Agents;
using Atendimento.Routing.Api;
using Atendimento.Routing.Tickets;
using Atendimento.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Atendimento.Integration.Tests.Api.TicketApi;

namespace Atendimento.Integration.Tests.Routing;

/// <summary>
/// Presence, the roster and pick mode through the agent API on real PostgreSQL and Redis. Each test has a tenant
/// of its own, so the push dispatcher of the shared host only ever sees that test's agents and tickets.
/// </summary>
public sealed class AgentApiTests(RoutingHostFixture fixture) : IClassFixture<RoutingHostFixture>
{
    [Fact]
    public async Task Going_online_gets_a_queued_ticket_pushed_and_going_offline_returns_it_to_the_queue()
    {
        var (tenant, api) = await TenantWithAgentAsync("ana", SupportLevel.N1, capacity: 2, "geral");
        var id = await api.OpenAsync(tenant: tenant);

        var online = await PutPresenceAsync(api, "Online");
        Assert.Equal(("ana", "Online"), (online.Id, online.Presence));
        await Eventually.TrueAsync(async () => (await api.GetAsync(id)).Status == "Assigned", "the ticket pushed to ana");
        var listed = Assert.Single((await api.Http.GetFromJsonAsync<AgentListResponse>("/api/v1/agents"))!.Items);
        Assert.Equal((1, 2, "Online"), (listed.Load, listed.Capacity, listed.Presence));
        Assert.NotNull(listed.IdleSince);

        var offline = await PutPresenceAsync(api, "Offline");

        Assert.Equal(("Offline", 0), (offline.Presence, offline.Load));
        var returned = await api.GetAsync(id);
        Assert.Equal(("Open", null), (returned.Status, returned.AssigneeId));
        var lines = await api.AuditAsync(id);
        Assert.Equal([("Assign", "System", "push_assignment"), ("TransferToQueue", "System", "agent_offline")],
            lines.Select(l => (l.Action, l.ActorKind, l.Reason)));
    }

    [Fact]
    public async Task The_roster_shows_levels_skills_capacity_load_and_only_the_callers_tenant()
    {
        var (tenant, api) = await TenantWithAgentAsync("ana", SupportLevel.N2, capacity: 4, "internet", "fibra");
        await AddAgentAsync(tenant, "bruno", SupportLevel.N3, 1, $"key-{Guid.NewGuid():N}");
        var (_, other) = await TenantWithAgentAsync("zeca", SupportLevel.N1, capacity: 1);
        var id = await api.OpenAsync(SupportLevel.N2, tenant: tenant);
        await api.OkAsync(id, "accept");

        var agents = (await api.Http.GetFromJsonAsync<AgentListResponse>("/api/v1/agents"))!.Items;

        Assert.Equal(["ana", "bruno"], agents.Select(a => a.Id));
        Assert.Equal(["N2"], agents[0].Levels);
        Assert.Equal(["internet", "fibra"], agents[0].Skills);
        Assert.Equal((4, 1, "Offline"), (agents[0].Capacity, agents[0].Load, agents[0].Presence));
        Assert.Equal(0, agents[1].Load);
        Assert.Equal(["zeca"], (await other.Http.GetFromJsonAsync<AgentListResponse>("/api/v1/agents"))!.Items.Select(a => a.Id));
    }

    [Fact]
    public async Task Next_takes_the_highest_priority_ticket_the_agent_can_serve_then_204_when_none_is_left()
    {
        var (tenant, api) = await TenantWithAgentAsync("ana", SupportLevel.N1, capacity: 5, "geral");
        var normal = await api.OpenAsync(tenant: tenant);
        var urgent = await api.OpenAsync(tenant: tenant);
        await api.OkAsync(urgent, "priority", new { priority = "Urgent" });
        var otherLevel = await api.OpenAsync(SupportLevel.N2, tenant: tenant);

        var first = await NextAsync(api);
        var second = await NextAsync(api);
        using var none = await api.Http.PostAsync(new Uri("/api/v1/tickets/next", UriKind.Relative), null);

        Assert.Equal((urgent, "InProgress", "ana"), (first.Id, first.Status, first.AssigneeId));
        Assert.Equal(normal, second.Id);
        Assert.Equal(HttpStatusCode.NoContent, none.StatusCode);
        Assert.Equal("Open", (await api.GetAsync(otherLevel)).Status);
        Assert.Equal("Accept", (await api.AuditAsync(urgent))[^1].Action);
    }

    [Fact]
    public async Task Next_and_accept_are_409_once_the_agent_is_at_capacity()
    {
        var (tenant, api) = await TenantWithAgentAsync("ana", SupportLevel.N1, capacity: 1, "geral");
        await api.OpenAsync(tenant: tenant);
        var waiting = await api.OpenAsync(tenant: tenant);
        await NextAsync(api);

        var next = await ProblemAsync(await api.Http.PostAsync(new Uri("/api/v1/tickets/next", UriKind.Relative), null), HttpStatusCode.Conflict);
        var accept = await ProblemAsync(await api.PostAsync(waiting, "accept"), HttpStatusCode.Conflict);

        Assert.Contains("capacity", next.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("capacity", accept.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("Open", (await api.GetAsync(waiting)).Status);
    }

    [Fact]
    public async Task Bad_presence_is_400_with_the_field_and_no_key_is_401()
    {
        var (_, api) = await TenantWithAgentAsync("ana", SupportLevel.N1, capacity: 1);

        foreach (var body in new object[] { new { presence = "Busy" }, new { presence = "" }, new { presence = "2" }, new { } })
        {
            var message = await FieldErrorAsync(await api.Http.PutAsJsonAsync("/api/v1/agents/me/presence", body), "presence");
            Assert.Contains("Offline, Away, Online", message, StringComparison.Ordinal);
        }
        using var anonymous = fixture.Host.Http();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutAsJsonAsync("/api/v1/agents/me/presence", new { presence = "Online" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync(new Uri("/api/v1/tickets/next", UriKind.Relative), null)).StatusCode);
    }

    [Fact]
    public async Task An_agent_never_picks_another_tenants_ticket_and_presence_is_per_tenant()
    {
        var (acme, ana) = await TenantWithAgentAsync("ana", SupportLevel.N1, capacity: 3, "geral");
        var (_, gil) = await TenantWithAgentAsync("ana", SupportLevel.N1, capacity: 3, "geral");
        var acmeTicket = await ana.OpenAsync(tenant: acme);
        await PutPresenceAsync(gil, "Away");

        using var none = await gil.Http.PostAsync(new Uri("/api/v1/tickets/next", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.NoContent, none.StatusCode);
        Assert.Equal("Open", (await ana.GetAsync(acmeTicket)).Status);
        Assert.Equal("Offline", Assert.Single((await ana.Http.GetFromJsonAsync<AgentListResponse>("/api/v1/agents"))!.Items).Presence);
        await ProblemAsync(await gil.PostAsync(acmeTicket, "accept"), HttpStatusCode.NotFound);
    }

    private async Task<(TenantId Tenant, TicketApi Api)> TenantWithAgentAsync(string agentId, SupportLevel level, int capacity, params string[] skills)
    {
        var tenant = new TenantId($"routing-{Guid.NewGuid():N}");
        var key = $"key-{Guid.NewGuid():N}";
        await AddAgentAsync(tenant, agentId, level, capacity, key, skills);
        return (tenant, new TicketApi(fixture.Host, key));
    }

    private Task AddAgentAsync(TenantId tenant, string agentId, SupportLevel level, int capacity, string key, params string[] skills) =>
        fixture.Host.Services.GetRequiredService<IAgentDirectory>().UpsertAsync(new Agent(tenant, agentId, agentId, level, skills, capacity), key);

    private static async Task<AgentResponse> PutPresenceAsync(TicketApi api, string presence)
    {
        using var response = await api.Http.PutAsJsonAsync("/api/v1/agents/me/presence", new { presence });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<AgentResponse>())!;
    }

    private static async Task<TicketResponse> NextAsync(TicketApi api)
    {
        using var response = await api.Http.PostAsync(new Uri("/api/v1/tickets/next", UriKind.Relative), null);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<TicketResponse>())!;
    }
}
