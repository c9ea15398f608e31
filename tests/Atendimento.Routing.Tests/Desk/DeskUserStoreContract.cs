using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Desk.Identity;
using Atendimento.Testing;

namespace Atendimento.Routing.Tests.Desk;

/// <summary>What every <see cref="IDeskUserStore"/> promises; each implementation runs these facts.</summary>
public abstract class DeskUserStoreContract : IAsyncLifetime
{
    private static readonly TenantId Other = new("outra-empresa");

    private IDeskUserStore _store = null!;

    public async Task InitializeAsync() => _store = await CreateStoreAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected abstract Task<IDeskUserStore> CreateStoreAsync();

    [Fact]
    public async Task A_saved_user_is_found_by_user_name_in_any_case()
    {
        var user = new DeskUser(TenantId.Default, "Ana", "Ana Souza", DeskRole.Agent, "ana", "hash-1");
        await _store.UpsertAsync(user);

        var found = await _store.FindAsync(TenantId.Default, "  ANA ");

        Assert.Equal(user with { UserName = "ana" }, found);
    }

    [Fact]
    public async Task Saving_again_replaces_role_name_agent_and_hash()
    {
        await _store.UpsertAsync(new DeskUser(TenantId.Default, "sofia", "Sofia", DeskRole.Agent, "sofia", "hash-1"));
        await _store.UpsertAsync(new DeskUser(TenantId.Default, "sofia", "Sofia Ramos", DeskRole.Supervisor, null, "hash-2"));

        Assert.Equal(new DeskUser(TenantId.Default, "sofia", "Sofia Ramos", DeskRole.Supervisor, null, "hash-2"), await _store.FindAsync(TenantId.Default, "sofia"));
    }

    [Fact]
    public async Task Accounts_of_another_tenant_are_not_found()
    {
        await _store.UpsertAsync(new DeskUser(Other, "ana", "Ana de outra empresa", DeskRole.Admin, null, "hash-x"));

        Assert.Null(await _store.FindAsync(TenantId.Default, "ana"));
        Assert.Equal(DeskRole.Admin, (await _store.FindAsync(Other, "ana"))!.Role);
    }
}

public sealed class InMemoryDeskUserStoreTests : DeskUserStoreContract
{
    protected override Task<IDeskUserStore> CreateStoreAsync() => Task.FromResult<IDeskUserStore>(new InMemoryDeskUserStore());
}

public sealed class PostgresDeskUserStoreTests : DeskUserStoreContract
{
    private readonly SchemaPerTest _database = new(RoutingDatabase.CreateSchemaAsync);

    public override Task DisposeAsync() => _database.DisposeAsync();

    protected override async Task<IDeskUserStore> CreateStoreAsync()
    {
        await _database.InitializeAsync();
        return new PostgresDeskUserStore(_database.Schema.DataSource);
    }
}
