using System.Text.Json;
using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Kpis;
using Atendimento.Testing;
using static Atendimento.Testing.QueryPlans;
using Npgsql;

namespace Atendimento.Routing.Tests.Kpis;

/// <summary>
/// Each KPI statement reads its index of migration 0017 on a table big enough (60,000 tickets of 4 tenants over
/// six weeks, most of them closed) that a sequential scan would win if no index fitted. The plans are taken as the
/// application takes them: as a role under row-level security, inside the tenant scope. The planner is left free.
/// </summary>
public sealed class KpiPlanTests(KpiPlanTests.BigTable table) : IClassFixture<KpiPlanTests.BigTable>
{
    private const int Rows = 60_000;
    private static readonly TenantId Tenant = new("tenant-1");
    private static readonly DateTimeOffset Now = new(2026, 11, 10, 0, 0, 0, TimeSpan.Zero);
    private static readonly KpiQuery OneDay = new(Now.AddDays(-5), Now.AddDays(-4));

    public sealed class BigTable : IAsyncLifetime
    {
        private readonly SchemaPerTest _database = new(RoutingDatabase.CreateSchemaAsync);

        public NpgsqlDataSource App { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await _database.InitializeAsync();
            await using (var seed = _database.Schema.DataSource.CreateCommand($$"""
                INSERT INTO tickets (tenant_id, status, level, queue, conversation_ref, customer_ref, channel, reason_code, handoff, opened_at,
                                     assignee_id, assigned_at, accepted_at, first_response_at, resolved_at, first_response_due_at, resolution_due_at)
                SELECT 'tenant-' || (g % 4), s.status, 1 + g % 3, 'queue-' || (g % 20), 'conv-' || g, 'conv-' || g, 'directline',
                       'explicit_request', '{}', o.at, 'agent-' || (g % 50), o.at + interval '1 minute', o.at + interval '2 minutes',
                       CASE WHEN s.status <> 'Open' THEN o.at + (g % 17) * interval '1 minute' END,
                       CASE WHEN s.status IN ('Resolved', 'Closed') THEN o.at + (g % 300) * interval '1 minute' END,
                       o.at + interval '10 minutes', o.at + interval '4 hours'
                FROM generate_series(1, {{Rows}}) AS g,
                     LATERAL (SELECT timestamptz '2026-11-10 00:00Z' - g * interval '1 minute' AS at) o,
                     LATERAL (SELECT coalesce((ARRAY['Open','Assigned','InProgress','WaitingOnCustomer','Resolved','Cancelled'])[g % 40], 'Closed') AS status) s;
                INSERT INTO ticket_audit (tenant_id, ticket_id, action, actor_kind, status_from, status_to, at)
                SELECT tenant_id, id, CASE WHEN id % 2 = 0 THEN 'Escalate' ELSE 'TransferToQueue' END, 'Agent', 'InProgress', 'InProgress', opened_at
                FROM tickets WHERE id % 10 = 0;
                ANALYZE tickets;
                ANALYZE ticket_audit;
                """))
            {
                await seed.ExecuteNonQueryAsync();
            }
            App = NpgsqlDataSource.Create(await _database.Schema.ApplicationConnectionStringAsync());
        }

        public async Task DisposeAsync()
        {
            await App.DisposeAsync();
            await _database.DisposeAsync();
        }
    }

    public static TheoryData<string, string, KpiGrouping> Statements() => new()
    {
        { "FirstResponse", "tickets_by_first_response", KpiGrouping.None },
        { "FirstResponse", "tickets_by_first_response", KpiGrouping.Day },
        { "HandleTime", "tickets_by_resolved", KpiGrouping.None },
        { "Resolution", "tickets_by_resolved", KpiGrouping.Week },
        { "Sla", "tickets_first_response_sla_decided", KpiGrouping.None },
        { "Sla", "tickets_resolution_sla_decided", KpiGrouping.Day },
        { "Movement", "tickets_by_opened", KpiGrouping.None },
        { "Backlog", "tickets_backlog", KpiGrouping.None },
    };

    [Theory]
    [MemberData(nameof(Statements))]
    public async Task Each_kpi_statement_reads_its_index_instead_of_scanning_the_tickets(string statement, string index, KpiGrouping grouping)
    {
        var plan = await PlanAsync(statement, OneDay with { GroupBy = grouping });

        var ticketScans = Nodes(plan).Where(node => node.TryGetProperty("Relation Name", out var name) && name.GetString() == "tickets").ToList();
        Assert.NotEmpty(ticketScans);
        Assert.DoesNotContain(ticketScans, node => node.GetProperty("Node Type").GetString() == "Seq Scan");
        // A bitmap scan names the index on its child node, not on the heap scan that names the table.
        Assert.Contains(Nodes(plan), node => node.TryGetProperty("Index Name", out var name) && name.GetString() == index);
    }

    [Fact]
    public async Task A_filter_on_queue_still_reads_the_period_index()
    {
        var plan = await PlanAsync("FirstResponse", OneDay with { Queue = "queue-5", Level = Atendimento.Routing.Tickets.SupportLevel.N2 });

        Assert.Contains(Nodes(plan), node => node.TryGetProperty("Index Name", out var name) && name.GetString() == "tickets_by_first_response");
    }

    private async Task<JsonElement> PlanAsync(string statement, KpiQuery query)
    {
        var sql = new KpiSql(Tenant, query, Now);
        var text = statement switch
        {
            "FirstResponse" => sql.FirstResponse(),
            "HandleTime" => sql.HandleTime(),
            "Resolution" => sql.Resolution(),
            "Sla" => sql.Sla(),
            "Movement" => sql.Movement(),
            _ => sql.Backlog(),
        };
        await using var scope = await TenantScope.BeginAsync(table.App, Tenant);
        await using var command = sql.Bind(scope.Command(text));
        return await QueryPlans.ExplainAsync(command);
    }
}
