using System.Data;
using Atendimento.Platform.Postgres;
using Npgsql;

namespace Atendimento.Platform.Tenancy;

/// <summary>
/// A connection and transaction in which PostgreSQL's row-level security shows one tenant's rows only
/// (migration routing/0018): the tenant is set with <c>set_config(..., true)</c>, so it ends with the transaction
/// and never leaks to the next user of the pooled connection. Work for one tenant opens one; system work that
/// spans tenants simply does not, and sees every row.
/// </summary>
public sealed class TenantScope : IAsyncDisposable
{
    /// <summary>The session setting the tenant policies read.</summary>
    public const string Setting = "atendimento.tenant";

    private TenantScope(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        Connection = connection;
        Transaction = transaction;
    }

    public NpgsqlConnection Connection { get; }

    public NpgsqlTransaction Transaction { get; }

    public static async Task<TenantScope> BeginAsync(NpgsqlDataSource dataSource, TenantId tenant,
        IsolationLevel isolation = IsolationLevel.ReadCommitted, CancellationToken cancellationToken = default)
    {
        // An empty setting means "no tenant" to the policies, so an empty id must never get this far.
        ArgumentException.ThrowIfNullOrWhiteSpace(tenant.Value, nameof(tenant));
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(isolation, cancellationToken);
            await using var set = new NpgsqlCommand($"SELECT set_config('{Setting}', $1, true)", connection, transaction).With(tenant.Value);
            await set.ExecuteNonQueryAsync(cancellationToken);
            return new TenantScope(connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public NpgsqlCommand Command(string sql) => new(sql, Connection, Transaction);

    public Task CommitAsync(CancellationToken cancellationToken = default) => Transaction.CommitAsync(cancellationToken);

    /// <summary>Without <see cref="CommitAsync"/> the transaction rolls back, which is all a read needs.</summary>
    public async ValueTask DisposeAsync()
    {
        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }
}
