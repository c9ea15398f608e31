using Atendimento.Platform.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Atendimento.Testing;

/// <summary>
/// A fresh PostgreSQL schema for one test (or one test class), migrated by the real migration runner and
/// dropped afterwards, so tests own their data and can run in parallel.
/// </summary>
public sealed class PostgresSchema : IAsyncDisposable
{
    private PostgresSchema(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
        DataSource = NpgsqlDataSource.Create(connectionString);
    }

    public string Name { get; }

    /// <summary>The server's connection string with this schema as the search path: hand it to a host as ConnectionStrings:Postgres.</summary>
    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    public static async Task<PostgresSchema> CreateAsync(params MigrationSet[] migrations)
    {
        var name = "t_" + Guid.NewGuid().ToString("N")[..16];
        await using (var admin = NpgsqlDataSource.Create(TestEnvironment.Postgres))
        await using (var create = admin.CreateCommand($"CREATE SCHEMA {name}"))
        {
            await create.ExecuteNonQueryAsync();
        }
        var connectionString = new NpgsqlConnectionStringBuilder(TestEnvironment.Postgres) { SearchPath = name }.ConnectionString;
        var schema = new PostgresSchema(name, connectionString);
        if (migrations.Length > 0)
        {
            await new MigrationRunner(schema.DataSource, migrations, NullLogger<MigrationRunner>.Instance).ApplyAsync();
        }
        return schema;
    }

    /// <summary>
    /// A role like the application's in production: it logs in, but is neither superuser nor BYPASSRLS, so row-level
    /// security applies to it (the tests' own postgres superuser skips every policy).
    /// </summary>
    public const string ApplicationRole = "atendimento_app";

    /// <summary>
    /// A connection string on this schema as <see cref="ApplicationRole"/>, which may create tables in it (so a host
    /// started on it runs its migrations as that role and owns its tables, as in production) and use those created
    /// by anyone else.
    /// </summary>
    public async Task<string> ApplicationConnectionStringAsync(int? maxPoolSize = null)
    {
        await using (var admin = NpgsqlDataSource.Create(TestEnvironment.Postgres))
        await using (var grant = admin.CreateCommand($$"""
            DO $$ BEGIN
                CREATE ROLE {{ApplicationRole}} LOGIN NOSUPERUSER NOBYPASSRLS;
            EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
            END $$;
            GRANT USAGE, CREATE ON SCHEMA {{Name}} TO {{ApplicationRole}};
            GRANT ALL ON ALL TABLES IN SCHEMA {{Name}} TO {{ApplicationRole}};
            GRANT ALL ON ALL SEQUENCES IN SCHEMA {{Name}} TO {{ApplicationRole}};
            """))
        {
            await grant.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString) { Username = ApplicationRole };
        if (maxPoolSize is { } size)
        {
            builder.MaxPoolSize = size;
        }
        return builder.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await using var admin = NpgsqlDataSource.Create(TestEnvironment.Postgres);
        await using var drop = admin.CreateCommand($"DROP SCHEMA IF EXISTS {Name} CASCADE");
        await drop.ExecuteNonQueryAsync();
    }
}
