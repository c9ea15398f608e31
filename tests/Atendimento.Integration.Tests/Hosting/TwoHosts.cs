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
        // One deployment: both instances share the sign-in counts, as they share everything else.
        var shared = new Dictionary<string, string?>(extra ?? new Dictionary<string, string?>()) { ["Desk:SignInThrottleNamespace"] = Guid.NewGuid().ToString("N") };
        return new TwoHosts(schema, AtendimentoHost.Start(schema.ConnectionString, TestEnvironment.Redis, shared, services),
            AtendimentoHost.Start(schema.ConnectionString, TestEnvironment.Redis, shared, services));
    }

    public async ValueTask DisposeAsync()
    {
        await Second.DisposeAsync();
        await First.DisposeAsync();
        await _schema.DisposeAsync();
    }
}
