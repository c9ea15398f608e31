using Atendimento.Routing.Tickets;
using Atendimento.Testing;

namespace Atendimento.Routing.Tests.Tickets;

/// <summary>The contract against real PostgreSQL: each test gets its own migrated schema, dropped afterwards.</summary>
public sealed class PostgresTicketStoreTests : TicketStoreContract, IAsyncLifetime
{
    private PostgresSchema? _schema;

    private PostgresSchema Schema => _schema ?? throw new InvalidOperationException("InitializeAsync has not run.");

    public async Task InitializeAsync() => _schema = await RoutingDatabase.CreateSchemaAsync();

    public async Task DisposeAsync()
    {
        if (_schema is not null)
        {
            await _schema.DisposeAsync();
        }
    }

    protected override Task<ITicketStore> CreateStoreAsync() =>
        Task.FromResult<ITicketStore>(new PostgresTicketStore(Schema.DataSource));
}
