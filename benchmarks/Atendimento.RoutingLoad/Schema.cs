using Atendimento.Platform.Postgres;
using Atendimento.Routing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Atendimento.RoutingLoad;

/// <summary>A throwaway schema with the routing migrations, dropped at the end.</summary>
internal sealed class Schema : IAsyncDisposable
{
    private readonly string _admin;

    private Schema(string admin, string name, NpgsqlDataSource dataSource) => (_admin, Name, DataSource) = (admin, name, dataSource);

    public string Name { get; }

    public NpgsqlDataSource DataSource { get; }

    public static async Task<Schema> CreateAsync(string admin)
    {
        var name = "carga_" + Guid.NewGuid().ToString("N")[..12];
        await using (var source = NpgsqlDataSource.Create(admin))
        await using (var create = source.CreateCommand($"CREATE SCHEMA {name}"))
        {
            await create.ExecuteNonQueryAsync();
        }
        var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(admin) { SearchPath = name }.ConnectionString);
        await new MigrationRunner(dataSource, [new MigrationSet("routing", 10, typeof(RoutingModule).Assembly)], NullLogger<MigrationRunner>.Instance).ApplyAsync();
        return new Schema(admin, name, dataSource);
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await using var source = NpgsqlDataSource.Create(_admin);
        await using var drop = source.CreateCommand($"DROP SCHEMA {Name} CASCADE");
        await drop.ExecuteNonQueryAsync();
    }
}
