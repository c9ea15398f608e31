using Microsoft.Extensions.Logging;
using Npgsql;

namespace Atendimento.Platform.Postgres;

/// <summary>
/// Applies every module's embedded migrations once, in order, under a PostgreSQL advisory lock so that
/// several instances starting together do not race. Each script runs in its own transaction.
/// </summary>
public sealed partial class MigrationRunner(NpgsqlDataSource dataSource, IEnumerable<MigrationSet> sets, ILogger<MigrationRunner> logger)
{
    // Any constant works; it only has to be the same in every instance.
    private const long AdvisoryLockKey = 0x4174_656E_6469_6D;

    public async Task ApplyAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
        try
        {
            await EnsureJournalAsync(connection, cancellationToken);
            foreach (var set in sets.OrderBy(s => s.Order))
            {
                await ApplySetAsync(connection, set, cancellationToken);
            }
        }
        finally
        {
            await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
        }
    }

    private static Task EnsureJournalAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, null, """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                module     text        NOT NULL,
                name       text        NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (module, name))
            """, cancellationToken);

    private async Task ApplySetAsync(NpgsqlConnection connection, MigrationSet set, CancellationToken cancellationToken)
    {
        var applied = await AppliedAsync(connection, set.Module, cancellationToken);
        foreach (var (name, sql) in set.LoadScripts().Where(script => !applied.Contains(script.Name)))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await ExecuteAsync(connection, transaction, sql, cancellationToken);
            await using (var record = new NpgsqlCommand("INSERT INTO schema_migrations (module, name) VALUES ($1, $2)", connection, transaction))
            {
                record.Parameters.AddWithValue(set.Module);
                record.Parameters.AddWithValue(name);
                await record.ExecuteNonQueryAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            LogApplied(set.Module, name);
        }
    }

    private static async Task<HashSet<string>> AppliedAsync(NpgsqlConnection connection, string module, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT name FROM schema_migrations WHERE module = $1", connection);
        command.Parameters.AddWithValue(module);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            names.Add(reader.GetString(0));
        }
        return names;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Applied migration {Module}/{Name}")]
    private partial void LogApplied(string module, string name);
}
