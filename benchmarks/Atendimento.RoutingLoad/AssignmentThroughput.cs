using System.Diagnostics;
using System.Text.Json;
using Atendimento.Platform.Messaging;
using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Agents;
using Atendimento.Routing.Assignment;
using Atendimento.Routing.Delivery;
using Atendimento.Routing.Tickets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Atendimento.RoutingLoad;

/// <summary>
/// Assignments per second of the push dispatcher on PostgreSQL. A schema gets N queued tickets of mixed levels,
/// skills and priorities and 100 online agents whose capacities add up to at least N; then one or two dispatcher
/// instances (each with its own connection pool and services, as separate hosts would have) run passes until every
/// ticket is assigned. Two instances race for the same tickets and agents, so the figure includes lost races.
/// </summary>
internal static class AssignmentThroughput
{
    private const int Agents = 100;
    private static readonly TenantId Tenant = new("carga");
    private static readonly string[] Skills = ["financeiro", "internet", "cancelamento", "geral"];

    public static async Task RunAsync(string postgres, IReadOnlyList<int> sizes)
    {
        Console.WriteLine("tickets | agents | instances | seconds | assignments/s | assigned | over capacity");
        foreach (var size in sizes)
        {
            foreach (var instances in new[] { 1, 2 })
            {
                await using var schema = await Schema.CreateAsync(postgres);
                var agents = await SeedAsync(schema.DataSource, size);
                var connection = new NpgsqlConnectionStringBuilder(postgres) { SearchPath = schema.Name }.ConnectionString;
                var hosts = Enumerable.Range(0, instances).Select(_ => Instance.Create(connection)).ToList();
                var timer = Stopwatch.StartNew();
                await Task.WhenAll(hosts.Select(h => Task.Run(h.DrainAsync)));
                var seconds = timer.Elapsed.TotalSeconds;
                var (assigned, over) = await CheckAsync(schema.DataSource, agents);
                Console.WriteLine($"{size,7:N0} | {Agents,6} | {instances,9} | {seconds,7:F2} | {assigned / seconds,13:N0} | {assigned,8:N0} | {over,13}");
                foreach (var host in hosts)
                {
                    await host.DisposeAsync();
                }
            }
        }
    }

    /// <summary>Agents of every level with 2-3 skills each, all online; tickets that each fit at least one of them.</summary>
    private static async Task<List<Agent>> SeedAsync(NpgsqlDataSource dataSource, int size)
    {
        var random = new Random(7);
        var directory = new PostgresAgentDirectory(dataSource);
        var presence = new PostgresAgentPresenceStore(dataSource);
        var capacity = Math.Max(1, (int)Math.Ceiling(size * 1.2 / Agents));
        var agents = Enumerable.Range(0, Agents).Select(i => new Agent(Tenant, $"agent-{i:000}", $"Agent {i}", (SupportLevel)(i % 3 + 1),
            Skills.OrderBy(_ => random.Next()).Take(random.Next(2, 4)).ToArray(), capacity)).ToList();
        foreach (var agent in agents)
        {
            await directory.UpsertAsync(agent, null);
            await presence.SetAsync(Tenant, agent.Id, AgentPresence.Online, TimeProvider.System.GetUtcNow());
        }
        var store = new PostgresTicketStore(dataSource);
        using var handoff = JsonDocument.Parse("""{"reasonCode":"explicit_request"}""");
        var start = TimeProvider.System.GetUtcNow();
        for (var i = 0; i < size; i++)
        {
            var fits = agents[random.Next(Agents)];
            await store.OpenAsync(new NewTicket(Tenant, $"carga:{i}", "directline", null, fits.Level, "geral",
                fits.Skills.Take(random.Next(1, 3)).ToArray(), "explicit_request", handoff.RootElement.Clone(), start.AddMilliseconds(i),
                (TicketPriority)random.Next(1, 5)), []);
        }
        await using var analyze = dataSource.CreateCommand("ANALYZE tickets");
        await analyze.ExecuteNonQueryAsync();
        return agents;
    }

    private static async Task<(long Assigned, int OverCapacity)> CheckAsync(NpgsqlDataSource dataSource, List<Agent> agents)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT assignee_id, count(*) FROM tickets WHERE status = 'Assigned' GROUP BY assignee_id");
        await using var reader = await command.ExecuteReaderAsync();
        long assigned = 0;
        var over = 0;
        while (await reader.ReadAsync())
        {
            assigned += reader.GetInt64(1);
            over += reader.GetInt64(1) > agents.Single(a => a.Id == reader.GetString(0)).Capacity ? 1 : 0;
        }
        return (assigned, over);
    }

    /// <summary>One "host": its own pool, stores and services, wired as RoutingModule wires them.</summary>
    private sealed class Instance(NpgsqlDataSource dataSource, AssignmentDispatcher dispatcher) : IAsyncDisposable
    {
        public static Instance Create(string connectionString)
        {
            var dataSource = NpgsqlDataSource.Create(connectionString);
            var store = new PostgresTicketStore(dataSource);
            var directory = new PostgresAgentDirectory(dataSource);
            var presenceStore = new PostgresAgentPresenceStore(dataSource);
            var signal = new AssignmentSignal(new InMemoryMessageBus(), NullLogger<AssignmentSignal>.Instance);
            var ticketOptions = Options.Create(new TicketOptions());
            var writer = new TicketWriter(store, TimeProvider.System, NullLogger<TicketWriter>.Instance, directory);
            var tickets = new TicketService(writer, store, directory, new NoCustomers(), ticketOptions);
            var roster = new AgentRoster(directory, presenceStore, store);
            var presence = new AgentPresenceService(directory, presenceStore, store, tickets, roster, signal, TimeProvider.System,
                NullLogger<AgentPresenceService>.Instance);
            var dispatcher = new AssignmentDispatcher(store, roster, tickets, presence, signal, new InMemoryMessageBus(),
                Options.Create(new AssignmentOptions()), TimeProvider.System, NullLogger<AssignmentDispatcher>.Instance);
            return new Instance(dataSource, dispatcher);
        }

        /// <summary>Passes until one moves nothing, as the background loop does after a wake-up.</summary>
        public async Task DrainAsync()
        {
            while (await dispatcher.RunPassAsync(sweep: false))
            {
            }
        }

        public ValueTask DisposeAsync() => dataSource.DisposeAsync();
    }

    private sealed class NoCustomers : ICustomerConversations
    {
        public Task DeliverAgentMessageAsync(Ticket ticket, Agent agent, TicketMessage message, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task TicketAcceptedAsync(Ticket ticket, Agent agent, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task TicketResolvedAsync(Ticket ticket, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
