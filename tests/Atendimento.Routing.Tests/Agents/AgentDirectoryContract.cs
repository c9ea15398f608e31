using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Agents;
using Atendimento.Routing.Tickets;

namespace Atendimento.Routing.Tests.Agents;

/// <summary>What every <see cref="IAgentDirectory"/> must do; each implementation runs these facts through a subclass.</summary>
public abstract class AgentDirectoryContract
{
    protected static readonly TenantId Acme = new("acme");
    protected static readonly TenantId Globex = new("globex");
    protected static readonly Agent Ana = new(Acme, "ana", "Ana Souza", SupportLevel.N1, ["financeiro", "geral"], 3);

    protected abstract Task<IAgentDirectory> CreateDirectoryAsync();

    [Fact]
    public async Task UpsertAsync_then_GetAsync_returns_the_agent_with_every_field()
    {
        var directory = await CreateDirectoryAsync();

        await directory.UpsertAsync(Ana, "key-ana-1");

        AssertSameAgent(Ana, await directory.GetAsync(Acme, "ana"));
    }

    [Fact]
    public async Task ListAsync_returns_the_tenant_s_agents_by_id_and_none_of_another_tenant()
    {
        var directory = await CreateDirectoryAsync();
        var bruno = new Agent(Acme, "bruno", "Bruno Lima", SupportLevel.N2, ["internet"], 2);
        await directory.UpsertAsync(bruno, null);
        await directory.UpsertAsync(Ana, null);
        await directory.UpsertAsync(Ana with { TenantId = Globex, Id = "gabi" }, null);

        var listed = await directory.ListAsync(Acme);

        Assert.Equal(["ana", "bruno"], listed.Select(a => a.Id));
        AssertSameAgent(Ana, listed[0]);
        Assert.Empty(await directory.ListAsync(new TenantId("nobody")));
    }

    [Fact]
    public async Task GetAsync_of_an_unknown_agent_or_of_another_tenant_returns_null()
    {
        var directory = await CreateDirectoryAsync();
        await directory.UpsertAsync(Ana, "key-ana-1");

        Assert.Null(await directory.GetAsync(Acme, "nobody"));
        Assert.Null(await directory.GetAsync(Globex, "ana"));
    }

    [Fact]
    public async Task FindByApiKeyAsync_finds_the_agent_the_key_was_given_to()
    {
        var directory = await CreateDirectoryAsync();
        var bruno = new Agent(Acme, "bruno", "Bruno Lima", SupportLevel.N2, ["internet"], 2);
        await directory.UpsertAsync(Ana, "key-ana-1");
        await directory.UpsertAsync(bruno, "key-bruno-1");

        AssertSameAgent(Ana, await directory.FindByApiKeyAsync("key-ana-1"));
        AssertSameAgent(bruno, await directory.FindByApiKeyAsync("key-bruno-1"));
    }

    [Fact]
    public async Task FindByApiKeyAsync_of_an_unknown_key_returns_null()
    {
        var directory = await CreateDirectoryAsync();
        await directory.UpsertAsync(Ana, "key-ana-1");

        Assert.Null(await directory.FindByApiKeyAsync("key-ana-2"));
        Assert.Null(await directory.FindByApiKeyAsync("KEY-ANA-1"));
        Assert.Null(await directory.FindByApiKeyAsync(""));
    }

    [Fact]
    public async Task FindByApiKeyAsync_tells_apart_agents_with_the_same_id_in_different_tenants()
    {
        var directory = await CreateDirectoryAsync();
        var globexAna = Ana with { TenantId = Globex, Name = "Ana Pereira", Level = SupportLevel.N3 };
        await directory.UpsertAsync(Ana, "key-acme-ana");
        await directory.UpsertAsync(globexAna, "key-globex-ana");

        AssertSameAgent(Ana, await directory.FindByApiKeyAsync("key-acme-ana"));
        AssertSameAgent(globexAna, await directory.FindByApiKeyAsync("key-globex-ana"));
    }

    [Fact]
    public async Task UpsertAsync_again_updates_name_level_skills_and_capacity_and_keeps_the_earlier_key()
    {
        var directory = await CreateDirectoryAsync();
        await directory.UpsertAsync(Ana, "key-ana-1");
        var promoted = Ana with { Name = "Ana Souza Lima", Level = SupportLevel.N2, Skills = ["internet", "cancelamento", "geral"], Capacity = 5 };

        await directory.UpsertAsync(promoted, null);

        AssertSameAgent(promoted, await directory.GetAsync(Acme, "ana"));
        AssertSameAgent(promoted, await directory.FindByApiKeyAsync("key-ana-1"));
    }

    [Fact]
    public async Task UpsertAsync_with_a_new_key_adds_it_alongside_the_earlier_one()
    {
        var directory = await CreateDirectoryAsync();
        await directory.UpsertAsync(Ana, "key-ana-1");

        await directory.UpsertAsync(Ana, "key-ana-2");

        AssertSameAgent(Ana, await directory.FindByApiKeyAsync("key-ana-1"));
        AssertSameAgent(Ana, await directory.FindByApiKeyAsync("key-ana-2"));
    }

    [Fact]
    public async Task ListAsync_returns_the_tenants_agents_by_id_and_none_of_another_tenant()
    {
        var directory = await CreateDirectoryAsync();
        var bruno = new Agent(Acme, "bruno", "Bruno Lima", SupportLevel.N2, ["internet"], 2);
        await directory.UpsertAsync(bruno, null);
        await directory.UpsertAsync(Ana, null);
        await directory.UpsertAsync(Ana with { TenantId = Globex, Id = "zeca" }, null);

        var listed = await directory.ListAsync(Acme);

        Assert.Equal(["ana", "bruno"], listed.Select(a => a.Id));
        AssertSameAgent(Ana, listed[0]);
        AssertSameAgent(bruno, listed[1]);
        Assert.Empty(await directory.ListAsync(new TenantId("initech")));
    }

    protected static void AssertSameAgent(Agent expected, Agent? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.TenantId, actual.TenantId);
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Level, actual.Level);
        Assert.Equal(expected.Skills, actual.Skills);
        Assert.Equal(expected.Capacity, actual.Capacity);
    }
}
