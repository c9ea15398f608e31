using Atendimento.Platform.Health;
using Atendimento.Platform.Leases;
using Atendimento.Platform.Messaging;
using Atendimento.Platform.Metrics;
using Atendimento.Platform.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using StackExchange.Redis;

namespace Atendimento.Platform;

/// <summary>Which engines this instance runs on, decided once from the connection strings.</summary>
public sealed record StorageSelection(bool UsesPostgres, bool UsesRedis);

public static class PlatformServiceCollectionExtensions
{
    /// <summary>
    /// The clock, PostgreSQL (with migrations at start-up) and Redis when their connection strings are set,
    /// otherwise the embedded in-process defaults; and the health checks that go with them.
    /// </summary>
    public static IServiceCollection AddPlatform(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<PrometheusMetrics>();
        var health = services.AddHealthChecks();
        var postgres = configuration.GetConnectionString("Postgres");
        var redis = configuration.GetConnectionString("Redis");
        services.AddSingleton(new StorageSelection(!string.IsNullOrWhiteSpace(postgres), !string.IsNullOrWhiteSpace(redis)));

        if (!string.IsNullOrWhiteSpace(postgres))
        {
            services.AddSingleton(_ => new NpgsqlDataSourceBuilder(postgres).Build());
            services.AddSingleton<MigrationRunner>();
            services.AddHostedService<MigrationHostedService>();
            health.AddCheck<PostgresHealthCheck>("postgres", tags: [HealthTags.Ready]);
        }

        if (!string.IsNullOrWhiteSpace(redis))
        {
            services.AddSingleton<IConnectionMultiplexer>(_ => ConnectRedis(redis));
            services.AddSingleton<IMessageBus, RedisMessageBus>();
            services.AddSingleton<IDistributedLease, RedisLease>();
            health.AddCheck<RedisHealthCheck>("redis", tags: [HealthTags.Ready]);
        }
        else
        {
            services.AddSingleton<IMessageBus, InMemoryMessageBus>();
            services.AddSingleton<IDistributedLease, SingleInstanceLease>();
        }
        return services;
    }

    private static ConnectionMultiplexer ConnectRedis(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        // Start even while Redis is briefly away; the readiness check reports it meanwhile.
        options.AbortOnConnectFail = false;
        return ConnectionMultiplexer.Connect(options);
    }
}
