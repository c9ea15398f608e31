using Atendimento.Testing;

namespace Atendimento.Integration.Tests.Hosting;

/// <summary>Two instances on one fresh PostgreSQL schema and the test Redis, as behind a load balancer.</summary>
public sealed class TwoHosts : IAsyncDisposable
{
    private readonly PostgresSchema _schema;

    private TwoHosts(PostgresSchema schema, AtendimentoHost first, AtendimentoHost second) => (_schema, First, Second) = (schema, first, second);

    public AtendimentoHost First { get; }

    public AtendimentoHost Second { get; }

    public static async Task<TwoHosts> StartAsync()
    {
        var schema = await PostgresSchema.CreateAsync();
        return new TwoHosts(schema, AtendimentoHost.Start(schema.ConnectionString, TestEnvironment.Redis), AtendimentoHost.Start(schema.ConnectionString, TestEnvironment.Redis));
    }

    public async ValueTask DisposeAsync()
    {
        await Second.DisposeAsync();
        await First.DisposeAsync();
        await _schema.DisposeAsync();
    }
}
