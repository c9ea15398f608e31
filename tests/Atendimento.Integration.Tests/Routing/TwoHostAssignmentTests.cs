using System.Collections.Concurrent;
using System.Text.Json;
using Atendimento.Integration.Tests.Hosting;
using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Agents;
using Atendimento.Routing.Assignment;
using Atendimento.Routing.Tickets;
using Atendimento.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Atendimento.Integration.Tests.Routing;

/// <summary>
/// Two host instances on one PostgreSQL, both running the push dispatcher: 1,000 tickets and 50 agents of mixed
/// levels, skills and capacity (about 175 slots in all). First the agents come online and the dispatchers fill
/// every slot they can, racing each other: then no agent is over capacity, and no waiting ticket could have gone
/// to an agent who holds a ticket behind it in the assignment order. Then agents resolve what they hold, round
/// after round, until every ticket was served: each exactly once, to an agent who fits it, and a sampler reading
/// consistent snapshots all along never sees an agent over capacity.
/// </summary>
public sealed class TwoHostAssignmentTests : IAsyncLifetime
{
    private const int TicketCount = 1_000;
    private const int AgentCount = 50;
    private static readonly string[] SkillPool = ["financeiro", "internet", "cancelamento", "geral"];
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(300);

    private readonly TenantId _tenant = new($"load-{Guid.NewGuid():N}");
    private TwoHosts _hosts = null!;

    public async Task InitializeAsync() => _hosts = await TwoHosts.StartAsync(services: SilentCustomers.Install);

    public async Task DisposeAsync() => await _hosts.DisposeAsync();

    [Fact]
    public async Task Every_ticket_is_assigned_exactly_once_within_capacity_and_in_priority_order()
    {
        var random = new Random(20260302);
        var agents = Enumerable.Range(0, AgentCount).Select(i => NewAgent(i, random)).ToList();
        foreach (var agent in agents)
        {
            await Service<IAgentDirectory>(0).UpsertAsync(agent, null);
        }
        await OpenTicketsAsync(agents, random);

        using var stopSampling = new CancellationTokenSource();
        var sampler = SampleLoadsAsync(agents, stopSampling.Token);
        await Parallel.ForEachAsync(agents, async (agent, ct) =>
            await Service<AgentPresenceService>(agent.Id.GetHashCode(StringComparison.Ordinal) & 1).SetAsync(_tenant, agent.Id, AgentPresence.Online, ct));

        await Eventually.TrueAsync(() => SettledAsync(agents), "every agent full or with nothing left they can serve", Patience);
        var snapshot = await ReadTicketsAsync();
        AssertWithinCapacity(agents, snapshot);
        AssertNoWaitingTicketCouldHaveTakenASlotBeforeOneBehindIt(agents, snapshot);

        await ResolveUntilEveryTicketWasServedAsync(agents);
        await stopSampling.CancelAsync();
        var worstSeen = await sampler;

        Assert.All(worstSeen, pair => Assert.True(pair.Value <= agents.Single(a => a.Id == pair.Key).Capacity,
            $"{pair.Key} was seen holding {pair.Value} tickets"));
        await AssertEachTicketAssignedOnceToAnAgentWhoFitsAsync(agents);
    }

    private Agent NewAgent(int i, Random random)
    {
        var skills = SkillPool.OrderBy(_ => random.Next()).Take(random.Next(2, 4)).ToArray();
        return new Agent(_tenant, $"agent-{i:00}", $"Agent {i}", (SupportLevel)(i % 3 + 1), skills, 1 + (i % 6));
    }

    /// <summary>Each ticket fits at least one agent: its level and a subset of that agent's skills.</summary>
    private async Task OpenTicketsAsync(List<Agent> agents, Random random)
    {
        using var handoff = JsonDocument.Parse("""{"reasonCode":"explicit_request"}""");
        var start = TimeProvider.System.GetUtcNow();
        var requests = Enumerable.Range(0, TicketCount).Select(i =>
        {
            var fits = agents[random.Next(agents.Count)];
            var skills = fits.Skills.OrderBy(_ => random.Next()).Take(random.Next(1, 3)).ToArray();
            return new NewTicket(_tenant, $"load:{i}", "directline", null, fits.Level, "geral", skills, "explicit_request",
                handoff.RootElement.Clone(), start.AddMilliseconds(i), (TicketPriority)random.Next(1, 5));
        }).ToList();
        await Parallel.ForEachAsync(requests.Select((request, i) => (request, i)), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (item, ct) => await Service<ITicketStore>(item.i & 1).OpenAsync(item.request, [], ct));
    }

    private async Task<bool> SettledAsync(List<Agent> agents)
    {
        var tickets = await ReadTicketsAsync();
        var held = HeldCounts(tickets);
        var open = tickets.Where(t => t.Status == TicketStatus.Open).ToList();
        return agents.All(a => held.GetValueOrDefault(a.Id) >= a.Capacity || !open.Any(t => Fits(a, t)));
    }

    private static void AssertWithinCapacity(List<Agent> agents, List<Ticket> tickets)
    {
        var held = HeldCounts(tickets);
        Assert.All(agents, a => Assert.True(held.GetValueOrDefault(a.Id) <= a.Capacity, $"{a.Id} holds {held.GetValueOrDefault(a.Id)} of {a.Capacity}"));
        Assert.True(held.Values.Sum() > 100, $"only {held.Values.Sum()} tickets were assigned");
    }

    /// <summary>
    /// The order is respected: for every ticket still waiting, each agent who could serve it is full, and with
    /// tickets that all come before it in <see cref="AssignmentOrder"/> (priority, then deadline, then age).
    /// </summary>
    private static void AssertNoWaitingTicketCouldHaveTakenASlotBeforeOneBehindIt(List<Agent> agents, List<Ticket> tickets)
    {
        var heldBy = tickets.Where(t => AgentLoad.Counts(t.Status)).ToLookup(t => t.AssigneeId!);
        var waiting = tickets.Where(t => t.Status == TicketStatus.Open).ToList();
        Assert.NotEmpty(waiting);
        foreach (var ticket in waiting)
        {
            foreach (var agent in agents.Where(a => Fits(a, ticket)))
            {
                Assert.Equal(agent.Capacity, heldBy[agent.Id].Count());
                var behind = heldBy[agent.Id].FirstOrDefault(h => AssignmentOrder.Instance.Compare(h, ticket) > 0);
                Assert.True(behind is null, $"{agent.Id} got ticket {behind?.Id} ({behind?.Priority}) while {ticket.Id} ({ticket.Priority}) waited");
            }
        }
    }

    /// <summary>Round after round each agent accepts and resolves what they hold, on either host, freeing capacity for the rest.</summary>
    private async Task ResolveUntilEveryTicketWasServedAsync(List<Agent> agents)
    {
        var elapsed = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var tickets = await ReadTicketsAsync();
            if (tickets.All(t => t.Status == TicketStatus.Resolved))
            {
                return;
            }
            Assert.True(elapsed.Elapsed < Patience, $"{tickets.Count(t => t.Status != TicketStatus.Resolved)} tickets still not served");
            var held = tickets.Where(t => t.Status == TicketStatus.Assigned).ToList();
            await Parallel.ForEachAsync(held, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (ticket, ct) =>
            {
                var agent = agents.Single(a => a.Id == ticket.AssigneeId);
                var service = Service<TicketService>((int)(ticket.Id.Value & 1));
                Assert.Equal(TicketCommandOutcome.Done, (await service.AcceptAsync(agent, ticket.Id, ct)).Outcome);
                Assert.Equal(TicketCommandOutcome.Done, (await service.ResolveAsync(agent, ticket.Id, null, ct)).Outcome);
            });
            if (held.Count == 0)
            {
                await Task.Delay(100);
            }
        }
    }

    private async Task AssertEachTicketAssignedOnceToAnAgentWhoFitsAsync(List<Agent> agents)
    {
        await using var command = DataSource.CreateCommand("""
            SELECT t.id, count(a.*) FILTER (WHERE a.action = 'Assign'), count(a.*) FILTER (WHERE a.action = 'Assign' AND a.actor_kind = 'System')
            FROM tickets t LEFT JOIN ticket_audit a ON a.tenant_id = t.tenant_id AND a.ticket_id = t.id
            WHERE t.tenant_id = $1 GROUP BY t.id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = _tenant.Value });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = 0;
        while (await reader.ReadAsync())
        {
            rows++;
            Assert.True(reader.GetInt64(1) == 1 && reader.GetInt64(2) == 1, $"ticket {reader.GetInt64(0)} was assigned {reader.GetInt64(1)} times");
        }
        Assert.Equal(TicketCount, rows);
        var tickets = await ReadTicketsAsync();
        Assert.All(tickets, t => Assert.True(Fits(agents.Single(a => a.Id == t.AssigneeId), t), $"ticket {t.Id} went to {t.AssigneeId}, who does not fit it"));
    }

    /// <summary>Reads every agent's load in one statement (one snapshot), over and over, keeping the highest seen per agent.</summary>
    private async Task<Dictionary<string, long>> SampleLoadsAsync(List<Agent> agents, CancellationToken stop)
    {
        await Task.Yield();
        var worst = new ConcurrentDictionary<string, long>();
        while (!stop.IsCancellationRequested)
        {
            await using var command = DataSource.CreateCommand("""
                SELECT assignee_id, count(*) FROM tickets
                WHERE tenant_id = $1 AND status IN ('Assigned', 'InProgress', 'WaitingOnCustomer') GROUP BY assignee_id
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = _tenant.Value });
            await using (var reader = await command.ExecuteReaderAsync(CancellationToken.None))
            {
                while (await reader.ReadAsync(CancellationToken.None))
                {
                    worst.AddOrUpdate(reader.GetString(0), reader.GetInt64(1), (_, seen) => Math.Max(seen, reader.GetInt64(1)));
                }
            }
            await Task.Delay(20, CancellationToken.None);
        }
        Assert.Equal(agents.Count, agents.Select(a => a.Id).Intersect(worst.Keys).Count());
        return new Dictionary<string, long>(worst);
    }

    private async Task<List<Ticket>> ReadTicketsAsync()
    {
        var tickets = new List<Ticket>();
        long? before = null;
        do
        {
            var page = await Service<ITicketStore>(0).ListAsync(_tenant, new TicketQuery(BeforeId: before, Limit: 500));
            tickets.AddRange(page.Items);
            before = page.NextBeforeId;
        }
        while (before is not null);
        return tickets;
    }

    private static Dictionary<string, int> HeldCounts(List<Ticket> tickets) =>
        tickets.Where(t => AgentLoad.Counts(t.Status)).GroupBy(t => t.AssigneeId!).ToDictionary(g => g.Key, g => g.Count());

    private static bool Fits(Agent agent, Ticket ticket) => AssignmentPolicy.CanTake(agent, ticket);

    private NpgsqlDataSource DataSource => Service<NpgsqlDataSource>(0);

    private T Service<T>(int host) where T : notnull => (host == 0 ? _hosts.First : _hosts.Second).Services.GetRequiredService<T>();
}
