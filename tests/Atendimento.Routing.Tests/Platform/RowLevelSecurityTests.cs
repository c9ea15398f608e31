using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Kpis;
using Atendimento.Routing.Tests.Kpis;
using Atendimento.Routing.Tickets;
using Atendimento.Testing;
using Npgsql;
using static Atendimento.Routing.Tests.Kpis.KpiDataSet;

namespace Atendimento.Routing.Tests.Platform;

/// <summary>
/// Row-level security by tenant (migration 0018) as the application meets it: connected as a role that is neither
/// superuser nor BYPASSRLS (the tests' postgres superuser would skip every policy), on <see cref="KpiDataSet"/>'s
/// tickets of acme and globex.
/// </summary>
public sealed class RowLevelSecurityTests : IAsyncLifetime
{
    private readonly SchemaPerTest _database = new(RoutingDatabase.CreateSchemaAsync);
    private NpgsqlDataSource _app = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await SeedAsync(new PostgresTicketStore(_database.Schema.DataSource));
        await using var agents = _database.Schema.DataSource.CreateCommand(
            "INSERT INTO agents (tenant_id, id, name, level, capacity) VALUES ('acme', 'ana', 'Ana', 1, 3), ('globex', 'gil', 'Gil', 1, 3)");
        await agents.ExecuteNonQueryAsync();
        _app = NpgsqlDataSource.Create(await _database.Schema.ApplicationConnectionStringAsync(maxPoolSize: 1));
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task The_application_role_the_tests_use_is_neither_superuser_nor_bypassrls()
    {
        await using var command = _app.CreateCommand("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user");
        await using var reader = await command.ExecuteReaderAsync();

        Assert.True(await reader.ReadAsync());
        Assert.Equal((false, false), (reader.GetBoolean(0), reader.GetBoolean(1)));
    }

    [Theory]
    [InlineData("tickets")]
    [InlineData("ticket_audit")]
    [InlineData("agents")]
    public async Task With_tenant_acme_set_a_query_without_any_tenant_condition_sees_no_row_of_globex(string table)
    {
        await using var scope = await TenantScope.BeginAsync(_app, Acme);
        await using var command = scope.Command($"SELECT DISTINCT tenant_id FROM {table}");

        Assert.Equal(["acme"], await ReadStringsAsync(command));
    }

    [Fact]
    public async Task Work_that_sets_no_tenant_sees_every_tenant_as_before()
    {
        await using var command = _app.CreateCommand("SELECT DISTINCT tenant_id FROM tickets ORDER BY 1");

        Assert.Equal(["acme", "globex", "initech"], await ReadStringsAsync(command));
    }

    [Fact]
    public async Task A_tenant_scope_changes_only_its_own_rows_and_cannot_write_another_tenants()
    {
        await using (var scope = await TenantScope.BeginAsync(_app, Acme))
        {
            await using var update = scope.Command("UPDATE tickets SET queue = 'renamed'");
            Assert.Equal(8, await update.ExecuteNonQueryAsync());
            await using var insert = scope.Command("INSERT INTO agents (tenant_id, id, name, level, capacity) VALUES ('globex', 'eve', 'Eve', 1, 1)");
            var refused = await Assert.ThrowsAsync<PostgresException>(() => insert.ExecuteNonQueryAsync());
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        }
        await using var globex = _app.CreateCommand("SELECT queue FROM tickets WHERE tenant_id = 'globex'");
        Assert.Equal(["geral"], await ReadStringsAsync(globex));
    }

    [Fact]
    public async Task The_setting_ends_with_the_transaction_so_the_next_user_of_the_pooled_connection_is_not_scoped()
    {
        await using (var scope = await TenantScope.BeginAsync(_app, Globex))
        {
            await using var scoped = scope.Command("SELECT count(*) FROM tickets");
            Assert.Equal(1L, await scoped.ExecuteScalarAsync());
        }

        // The pool holds one connection, so this is the same server session the scope used.
        await using var next = _app.CreateCommand("SELECT count(*) FROM tickets");
        Assert.Equal(11L, await next.ExecuteScalarAsync()); // KpiDataSet: 8 of acme, 1 of globex, 2 of initech
    }

    [Fact]
    public async Task An_empty_tenant_is_refused_because_the_policies_read_empty_as_no_tenant()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => TenantScope.BeginAsync(_app, new TenantId("")));
    }

    [Fact]
    public async Task Every_routing_table_with_a_tenant_column_has_forced_row_level_security()
    {
        await using var command = _database.Schema.DataSource.CreateCommand("""
            SELECT c.relname FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
            WHERE c.relkind = 'r'
              AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
              AND NOT (c.relrowsecurity AND c.relforcerowsecurity
                       AND EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid AND p.polname = 'tenant_scope'))
            """);

        Assert.Empty(await ReadStringsAsync(command));
    }

    /// <summary>
    /// Restrictive policies for this test only hide every ticket, message and audit line from a session that set no
    /// tenant: what the stores still read must have been read inside a tenant scope.
    /// </summary>
    [Fact]
    public async Task The_ticket_reads_and_the_kpis_run_inside_the_tenant_scope()
    {
        var anyAcmeId = await FirstTicketIdAsync();
        var superuser = new PostgresTicketStore(_database.Schema.DataSource);
        await superuser.AppendMessageAsync(Acme, anyAcmeId, new NewTicketMessage(MessageAuthor.Customer, null, "olá", From));
        var expected = (await superuser.ListAsync(Acme, new TicketQuery(Limit: 100))).Items.Count;
        await AuditLineAsync(anyAcmeId);
        foreach (var table in new[] { "tickets", "ticket_messages", "ticket_audit" })
        {
            await using var strict = _database.Schema.DataSource.CreateCommand($"""
                CREATE POLICY scope_required ON {table} AS RESTRICTIVE FOR SELECT TO {PostgresSchema.ApplicationRole}
                    USING (coalesce(current_setting('{TenantScope.Setting}', true), '') <> '')
                """);
            await strict.ExecuteNonQueryAsync();
        }
        await using var unscoped = _app.CreateCommand("SELECT (SELECT count(*) FROM tickets) + (SELECT count(*) FROM ticket_messages) + (SELECT count(*) FROM ticket_audit)");
        var store = new PostgresTicketStore(_app);

        var ticket = await store.GetAsync(Acme, anyAcmeId);
        var list = await store.ListAsync(Acme, new TicketQuery(Limit: 100));
        var messages = await store.GetMessagesAsync(Acme, anyAcmeId);
        var audit = await store.GetAuditAsync(Acme, anyAcmeId);
        var measures = await new PostgresKpiStore(_app).MeasureAsync(Acme, new KpiQuery(From, To), Later);

        Assert.Equal(0L, await unscoped.ExecuteScalarAsync());
        Assert.NotNull(ticket);
        Assert.True(expected > 0);
        Assert.Equal(expected, list.Items.Count);
        Assert.Contains(messages, m => m.Text == "olá");
        Assert.NotEmpty(audit);
        Assert.Equal(6, measures.Movement[From].Opened);
    }

    private async Task AuditLineAsync(TicketId id)
    {
        await using var command = _database.Schema.DataSource.CreateCommand("""
            INSERT INTO ticket_audit (tenant_id, ticket_id, action, actor_kind, actor_id, status_from, status_to, at)
            VALUES ('acme', $1, 'Tag', 'Agent', 'ana', 'Open', 'Open', now())
            """);
        command.Parameters.AddWithValue(id.Value);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<TicketId> FirstTicketIdAsync()
    {
        await using var command = _database.Schema.DataSource.CreateCommand("SELECT min(id) FROM tickets WHERE tenant_id = 'acme'");
        return new TicketId((long)(await command.ExecuteScalarAsync())!);
    }

    private static async Task<List<string>> ReadStringsAsync(NpgsqlCommand command)
    {
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }
        return values;
    }
}
