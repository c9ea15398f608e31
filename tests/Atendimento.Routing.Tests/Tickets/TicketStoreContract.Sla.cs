using Atendimento.Routing.Sla;
using Atendimento.Routing.Tickets;
using static Atendimento.Routing.Tests.Tickets.TicketBuilder;

namespace Atendimento.Routing.Tests.Tickets;

/// <summary>The contract's part on SLA: both clocks, the verdicts and the deadlines survive opening and saving.</summary>
public abstract partial class TicketStoreContract
{
    private static readonly DateTimeOffset ClockStart = new(2026, 4, 20, 13, 0, 0, 125, TimeSpan.Zero);

    [Fact]
    public async Task OpenAsync_keeps_the_sla_clocks_and_deadlines_the_policy_started()
    {
        var store = await CreateStoreAsync();
        var request = ATicket().ForTenant(Acme).BuildRequest() with
        {
            FirstResponseClock = SlaClock.Start(TimeSpan.FromMinutes(45), ClockStart),
            ResolutionClock = SlaClock.Start(TimeSpan.FromHours(8), ClockStart),
            FirstResponseDueAt = ClockStart.AddMinutes(45),
            ResolutionDueAt = ClockStart.AddHours(8),
        };

        var opened = await store.OpenAsync(request, []);
        var reloaded = (await store.GetAsync(Acme, opened.Ticket.Id))!;

        Assert.Equal((request.FirstResponseClock, request.ResolutionClock), (reloaded.FirstResponseClock, reloaded.ResolutionClock));
        Assert.Equal((request.FirstResponseDueAt, request.ResolutionDueAt), (reloaded.FirstResponseDueAt, reloaded.ResolutionDueAt));
        Assert.Equal(((bool?)null, (bool?)null), (reloaded.FirstResponseBreached, reloaded.ResolutionBreached));
    }

    [Fact]
    public async Task SaveAsync_round_trips_a_stopped_and_a_paused_clock_with_their_verdicts()
    {
        var store = await CreateStoreAsync();
        var ticket = (await store.OpenAsync(ATicket().ForTenant(Acme).BuildRequest(), [])).Ticket;
        var stopped = new SlaClock(TimeSpan.FromMinutes(45), TimeSpan.FromMinutes(50), null, ClockStart.AddHours(1), ClockStart.AddHours(1));
        var paused = new SlaClock(TimeSpan.FromHours(8), TimeSpan.FromMinutes(90), null, null, ClockStart.AddHours(2));
        ticket.FirstResponseClock = stopped;
        ticket.ResolutionClock = paused;
        ticket.FirstResponseBreached = true;
        ticket.ResolutionBreached = false;

        Assert.True(await store.SaveAsync(ticket));
        var reloaded = (await store.GetAsync(Acme, ticket.Id))!;

        Assert.Equal((stopped, paused), (reloaded.FirstResponseClock, reloaded.ResolutionClock));
        Assert.Equal(((bool?)true, (bool?)false), (reloaded.FirstResponseBreached, reloaded.ResolutionBreached));
    }
}
