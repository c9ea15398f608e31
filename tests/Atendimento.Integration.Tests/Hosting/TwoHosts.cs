using Atendimento.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Atendimento.Integration.Tests.Hosting;

/// <summary>Two instances on one fresh PostgreSQL schema and the test Redis, as behind a load balancer.</summary>
public sealed class TwoHosts : IAsyncDisposable
{
    private readonly PostgresSchema _schema;

    private TwoHosts(PostgresSchema schema, AtendimentoHost first, AtendimentoHost second) => (_schema, First, Second) = (schema, first, second);

    public AtendimentoHost First { get; }

    public AtendimentoHost Second { get; }

    /// <param name="extra">Settings both instances share (an SLA policy, for one).</param>
    /// <param name="services">Replaces registrations on both hosts, as <see cref="AtendimentoHost.Start"/> does.</param>
    public static async Task<TwoHosts> StartAsync(IDictionary<string, string?>? extra = null, Action<IServiceCollection>? services = null)
    {
        var schema = await PostgresSchema.CreateAsync();
        return new TwoHosts(schema, AtendimentoHost.Start(schema.ConnectionString, TestEnvironment.Redis, extra, services),
            AtendimentoHost.Start(schema.ConnectionString, TestEnvironment.Redis, extra, services));
    }

    public async ValueTask DisposeAsync()
    {
        await Second.DisposeAsync();
        await First.DisposeAsync();
        await _schema.DisposeAsync();
    }
}
