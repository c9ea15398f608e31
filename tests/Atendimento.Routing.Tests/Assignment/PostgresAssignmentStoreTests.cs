using Atendimento.Routing.Tickets;
using Atendimento.Testing;

namespace Atendimento.Routing.Tests.Assignment;

/// <summary>The assignment store contract against real PostgreSQL, plus the plan of the queue query.</summary>
public sealed class PostgresAssignmentStoreTests : AssignmentStoreContract, IAsyncLifetime
{
    private readonly SchemaPerTest _database = new(RoutingDatabase.CreateSchemaAsync);

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    protected override Task<ITicketStore> CreateStoreAsync() => Task.FromResult<ITicketStore>(new PostgresTicketStore(_database.Schema.DataSource));
}
