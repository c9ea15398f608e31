using Atendimento.Routing.Tickets;
using Atendimento.Testing;

namespace Atendimento.Routing.Tests.Tickets;

/// <summary>The contract against real PostgreSQL: each test gets its own migrated schema, dropped afterwards.</summary>
public sealed class PostgresTicketStoreTests : TicketStoreContract, IAsyncLifetime
{
    private readonly SchemaPerTest _database = new(RoutingDatabase.CreateSchemaAsync);

    private PostgresSchema Schema => _database.Schema;

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    protected override Task<ITicketStore> CreateStoreAsync() =>
        Task.FromResult<ITicketStore>(new PostgresTicketStore(Schema.DataSource));
}
