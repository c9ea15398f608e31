using Atendimento.Testing;

namespace Atendimento.Integration.Tests.Hosting;

/// <summary>One migrated-at-start-up schema and one host on real PostgreSQL and Redis, shared by a test class.</summary>
public sealed class PostgresRedisFixture : IAsyncLifetime
{
    public PostgresSchema Schema { get; private set; } = null!;

    public AtendimentoHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // No migrations here: the host applies them at start-up, which is part of what is tested.
        Schema = await PostgresSchema.CreateAsync();
        Host = AtendimentoHost.Start(Schema.ConnectionString, TestEnvironment.Redis);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Schema.DisposeAsync();
    }
}
