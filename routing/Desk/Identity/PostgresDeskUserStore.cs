using Atendimento.Platform.Postgres;
using Atendimento.Platform.Tenancy;
using Npgsql;

namespace Atendimento.Routing.Desk.Identity;

public sealed class PostgresDeskUserStore(NpgsqlDataSource dataSource) : IDeskUserStore
{
    public async Task<DeskUser?> FindAsync(TenantId tenantId, string userName, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT user_name, display_name, role, agent_id, password_hash FROM desk_users WHERE tenant_id = $1 AND user_name = $2
            """).With(tenantId.Value, DeskUser.Normalize(userName));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new DeskUser(tenantId, reader.GetString(0), reader.GetString(1), Enum.Parse<DeskRole>(reader.GetString(2)), reader.GetNullableString(3), reader.GetString(4))
            : null;
    }

    public async Task UpsertAsync(DeskUser user, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO desk_users (tenant_id, user_name, display_name, role, agent_id, password_hash) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (tenant_id, user_name) DO UPDATE
            SET display_name = excluded.display_name, role = excluded.role, agent_id = excluded.agent_id, password_hash = excluded.password_hash
            """).With(user.TenantId.Value, DeskUser.Normalize(user.UserName), user.DisplayName, user.Role.ToString(), user.AgentId, user.PasswordHash);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
