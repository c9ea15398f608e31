using System.Text.Json;
using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Tickets;
using Atendimento.Testing;
using static Atendimento.Testing.QueryPlans;

namespace Atendimento.Routing.Tests.Tickets;

/// <summary>
/// The list queries read an index on a table big enough (60,000 tickets in 4 tenants, most of them closed, as in
/// a real desk) that the planner would rather scan it sequentially if no index fitted. The planner is left
/// free: no enable_* settings are changed.
/// </summary>
public sealed class TicketListPlanTests(TicketListPlanTests.BigTable table) : IClassFixture<TicketListPlanTests.BigTable>
{
    private const int Rows = 60_000;
    private static readonly TenantId Tenant = new("tenant-1");

    /// <summary>One seeded schema for the class: seeding takes longer than all the EXPLAINs together.</summary>
    public sealed class BigTable : IAsyncLifetime
    {
        private readonly SchemaPerTest _database = new(RoutingDatabase.CreateSchemaAsync);

        public PostgresSchema Schema => _database.Schema;

        public async Task InitializeAsync()
        {
            await _database.InitializeAsync();
            await using var seed = _database.Schema.DataSource.CreateCommand($$"""
            INSERT INTO tickets (tenant_id, status, level, queue, conversation_ref, customer_ref, channel, reason_code, handoff, opened_at, assignee_id)
            SELECT 'tenant-' || (g % 4),
                   coalesce((ARRAY['Open','Assigned','InProgress','WaitingOnCustomer','Resolved','Cancelled'])[g % 40], 'Closed'),
                   1 + g % 3, 'queue-' || (g % 20), 'conv-' || g, 'conv-' || g, 'directline', 'explicit_request', '{}',
                   now() - g * interval '1 minute',
                   CASE WHEN g % 40 <> 1 THEN 'agent-' || (g % 50) END
            FROM generate_series(1, {{Rows}}) AS g;
            ANALYZE tickets;
            """);
            await seed.ExecuteNonQueryAsync();
        }

        public Task DisposeAsync() => _database.DisposeAsync();
    }

    public static TheoryData<string, TicketQuery> Queries() => new()
    {
        { "tickets_pkey|tickets_id_key", new TicketQuery(Limit: 50) },
        { "tickets_pkey|tickets_id_key", new TicketQuery(BeforeId: Rows / 2, Limit: 50) },
        { "tickets_by_status", new TicketQuery(Status: TicketStatus.Open, Limit: 50) },
        { "tickets_by_queue", new TicketQuery(Queue: "queue-5", Limit: 50) },
        { "tickets_by_assignee", new TicketQuery(AssigneeId: "agent-9", Limit: 50) },
        { "tickets_by_assignee", new TicketQuery(Status: TicketStatus.Resolved, AssigneeId: "agent-9", Limit: 50) },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task The_list_query_reads_its_index_instead_of_scanning_the_table(string indexes, TicketQuery query)
    {
        var plan = await PlanAsync(query);

        var scans = Nodes(plan).Where(node => node.TryGetProperty("Relation Name", out _) || node.TryGetProperty("Index Name", out _)).ToList();
        Assert.DoesNotContain(scans, node => node.GetProperty("Node Type").GetString() == "Seq Scan");
        Assert.Contains(scans, node => node.TryGetProperty("Index Name", out var name) && indexes.Split('|').Contains(name.GetString()));
    }

    [Fact]
    public async Task A_level_filter_reads_an_index_not_the_whole_table()
    {
        var plan = await PlanAsync(new TicketQuery(Level: SupportLevel.N2, Limit: 50));

        var nodeTypes = Nodes(plan).Select(node => node.GetProperty("Node Type").GetString()).ToList();
        Assert.DoesNotContain("Seq Scan", nodeTypes);
        Assert.Contains(nodeTypes, type => type is "Index Scan" or "Index Only Scan" or "Bitmap Index Scan");
    }

    private async Task<JsonElement> PlanAsync(TicketQuery query)
    {
        await using var command = PostgresTicketStore.ListCommand(table.Schema.DataSource, Tenant, query);
        return await QueryPlans.ExplainAsync(command);
    }
}
