using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Agents;
using Atendimento.Routing.Tickets;

namespace Atendimento.Routing.Tests.Agents;

/// <summary>What every <see cref="IAgentPresenceStore"/> must do; each implementation runs these facts through a subclass.</summary>
public abstract class AgentPresenceStoreContract
{
    private static readonly TenantId Acme = new("acme");
    private static readonly TenantId Globex = new("globex");
    private static readonly DateTimeOffset Nine = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A store whose tenants acme and globex both have agents "ana" and "bruno".</summary>
    protected abstract Task<IAgentPresenceStore> CreateStoreAsync();

    protected static IEnumerable<Agent> Agents() =>
        from tenant in new[] { Acme, Globex }
        from id in new[] { "ana", "bruno" }
        select new Agent(tenant, id, id, SupportLevel.N1, [], 2);

    [Fact]
    public async Task An_agent_never_set_is_offline_without_a_since()
    {
        var store = await CreateStoreAsync();

        var state = await store.GetAsync(Acme, "ana");

        Assert.Equal((AgentPresence.Offline, (DateTimeOffset?)null), (state.Presence, state.Since));
        Assert.Empty(await store.ListAsync(Acme));
    }

    [Fact]
    public async Task SetAsync_stores_the_presence_with_its_time_and_returns_the_one_it_replaced()
    {
        var store = await CreateStoreAsync();

        var first = await store.SetAsync(Acme, "ana", AgentPresence.Online, Nine);
        var second = await store.SetAsync(Acme, "ana", AgentPresence.Away, Nine.AddMinutes(30));

        Assert.Equal((AgentPresence.Offline, (DateTimeOffset?)null), (first.Presence, first.Since));
        Assert.Equal((AgentPresence.Online, (DateTimeOffset?)Nine), (second.Presence, second.Since));
        var now = await store.GetAsync(Acme, "ana");
        Assert.Equal((AgentPresence.Away, (DateTimeOffset?)Nine.AddMinutes(30)), (now.Presence, now.Since));
    }

    [Fact]
    public async Task Setting_the_same_presence_again_keeps_the_earlier_since()
    {
        var store = await CreateStoreAsync();
        await store.SetAsync(Acme, "ana", AgentPresence.Online, Nine);

        await store.SetAsync(Acme, "ana", AgentPresence.Online, Nine.AddHours(1));

        Assert.Equal(Nine, (await store.GetAsync(Acme, "ana")).Since);
    }

    [Fact]
    public async Task Presence_is_per_tenant_and_ListAsync_shows_only_the_tenants_agents_by_id()
    {
        var store = await CreateStoreAsync();
        await store.SetAsync(Acme, "bruno", AgentPresence.Away, Nine);
        await store.SetAsync(Acme, "ana", AgentPresence.Online, Nine);
        await store.SetAsync(Globex, "ana", AgentPresence.Offline, Nine);

        var listed = await store.ListAsync(Acme);

        Assert.Equal([("ana", AgentPresence.Online), ("bruno", AgentPresence.Away)], listed.Select(s => (s.AgentId, s.Presence)));
        Assert.Equal(AgentPresence.Offline, (await store.GetAsync(Globex, "ana")).Presence);
        Assert.Equal(AgentPresence.Offline, (await store.GetAsync(Globex, "bruno")).Presence);
    }
}

public sealed class InMemoryAgentPresenceStoreTests : AgentPresenceStoreContract
{
    protected override Task<IAgentPresenceStore> CreateStoreAsync() => Task.FromResult<IAgentPresenceStore>(new InMemoryAgentPresenceStore());
}
