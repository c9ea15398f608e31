using Atendimento.Testing;

namespace Atendimento.Integration.Tests.Hosting;

/// <summary>Two instances on one fresh PostgreSQL schema and the test Redis, as behind a load balancer.</summary>
public sealed class TwoHosts : IAsyncDisposable
{
    private readonly PostgresSchema _schema;

    private TwoHosts(PostgresSchema schema, AtendimentoHost first, AtendimentoHost second) => (_schema, First, Second) = (schema, first, second);

    public AtendimentoHost First { get; }

    public AtendimentoHost Second { get; }

    /// <param name="extra">Settings both instances share (an SLA policy, for one).</param>
    public static async Task<TwoHosts> StartAsync(IDictionary<string, string?>? extra = null)
    {
        var schema = await PostgresSchema.CreateAsync();
        return new TwoHosts(schema, AtendimentoHost.Start(schema.ConnectionString, TestEnvironment.Redis, extra),
            AtendimentoHost.Start(schema.ConnectionString, TestEnvironment.Redis, extra));
    }

    public async ValueTask DisposeAsync()
    {
        await Second.DisposeAsync();
        await First.DisposeAsync();
        await _schema.DisposeAsync();
    }
}
