using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Sla;
using Atendimento.Routing.Tests.Delivery;
using Atendimento.Routing.Tests.Tickets;
using Atendimento.Routing.Tickets;
using Atendimento.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using static Atendimento.Routing.Tests.Tickets.Agents;
using static Atendimento.Routing.Tests.Tickets.TicketBuilder;

namespace Atendimento.Routing.Tests.Sla;

/// <summary>
/// The start-up check of SLA timers against their tickets, after a process stopped between saving a change and
/// rescheduling its timers (simulated by a timer store that fails at that moment). Clock: 24 h a day, first response
/// in 1 h (warning at 42 min), resolution in 8 h (warning at 5 h 36 min).
/// </summary>
public sealed class SlaTimerReconciliationTests
{
    private static readonly DateTimeOffset Opened = new(2026, 4, 20, 10, 0, 0, TimeSpan.Zero);
    private static readonly TicketOptions Rows = new()
    {
        Sla = [new SlaTarget { Priority = TicketPriority.Normal, Level = SupportLevel.N2, FirstResponse = TimeSpan.FromHours(1), Resolution = TimeSpan.FromHours(8) }],
    };

    private readonly FakeTimeProvider _clock = new(Opened);
    private readonly InMemoryTicketStore _store = new();
    private readonly InMemorySlaTimerStore _timers = new();
    private readonly TicketSla _sla;

    public SlaTimerReconciliationTests() => _sla = TicketServices.Sla(Rows, timers: _timers);

    [Fact]
    public async Task A_ticket_opened_without_its_timers_gets_them()
    {
        var request = ATicket().ForTenant(Acme).ForConversation("directline:conv-1").AtLevel(SupportLevel.N2).OpenedAt(Opened).BuildRequest();
        await _store.OpenAsync(_sla.Start(request), []);
        Assert.Null(await _timers.NextDueAsync());

        await Reconciliation().ReconcileAsync();

        AssertAbout(Opened.AddMinutes(42), await _timers.NextDueAsync());
    }

    [Fact]
    public async Task A_reply_saved_before_the_stop_cancels_the_first_response_alerts_left_behind()
    {
        var ticket = await OpenAsync();
        await StoppedAfterSaveAsync(() => CrashingService().AcceptAsync(Ana, ticket.Id));
        _clock.Advance(TimeSpan.FromMinutes(10));
        await Assert.ThrowsAsync<SimulatedStop>(() => CrashingService().ReplyAsync(Ana, ticket.Id, "Olá, vou verificar."));
        Assert.NotNull((await _store.GetAsync(Acme, ticket.Id))!.FirstResponseAt);
        AssertAbout(Opened.AddMinutes(42), await _timers.NextDueAsync());

        await Reconciliation().ReconcileAsync();

        AssertAbout(Opened.AddMinutes(336), await _timers.NextDueAsync());
        Assert.DoesNotContain(await _timers.FireDueAsync(Opened.AddHours(2), 10), raised => raised.Moment is SlaMoment.FirstResponseWarning or SlaMoment.FirstResponseBreach);
    }

    [Fact]
    public async Task A_resolved_ticket_loses_every_timer_it_still_had()
    {
        var ticket = await OpenAsync();
        await StoppedAfterSaveAsync(() => CrashingService().AcceptAsync(Ana, ticket.Id));
        await Assert.ThrowsAsync<SimulatedStop>(() => CrashingService().ReplyAsync(Ana, ticket.Id, "Resolvido."));
        await Assert.ThrowsAsync<SimulatedStop>(() => CrashingService().ResolveAsync(Ana, ticket.Id));
        Assert.Equal(TicketStatus.Resolved, (await _store.GetAsync(Acme, ticket.Id))!.Status);

        await Reconciliation().ReconcileAsync();

        Assert.Null(await _timers.NextDueAsync());
    }

    [Fact]
    public async Task Timers_that_match_their_ticket_stay_as_they_are()
    {
        await OpenAsync();

        var rewritten = await Reconciliation().ReconcileAsync();

        Assert.Equal(1, rewritten); // it holds timers and it is active: rewritten once, not once per pass
        Assert.Equal([SlaMoment.FirstResponseWarning], (await _timers.FireDueAsync(Opened.AddMinutes(43), 10)).Select(raised => raised.Moment));
    }

    private async Task<Ticket> OpenAsync()
    {
        var request = ATicket().ForTenant(Acme).ForConversation("directline:conv-1").AtLevel(SupportLevel.N2).OpenedAt(Opened).BuildRequest();
        var opened = (await _store.OpenAsync(_sla.Start(request), [])).Ticket;
        await _sla.ScheduleAsync(opened);
        return opened;
    }

    /// <summary>A change whose timer update may or may not have been needed: either way the change itself was saved.</summary>
    private static async Task StoppedAfterSaveAsync(Func<Task> change)
    {
        try
        {
            await change();
        }
        catch (SimulatedStop)
        {
        }
    }

    /// <summary>Warning moments are a fraction of the target, so they may differ from the round figure by a tick.</summary>
    private static void AssertAbout(DateTimeOffset expected, DateTimeOffset? actual)
    {
        Assert.NotNull(actual);
        Assert.InRange(actual.Value, expected.AddSeconds(-1), expected.AddSeconds(1));
    }

    /// <summary>A service whose changes are saved and whose timer update then fails, as if the process stopped there.</summary>
    private TicketService CrashingService() =>
        TicketServices.Create(_store, new RecordingCustomerConversations(), _clock, options: Rows, sla: TicketServices.Sla(Rows, timers: new StoppingTimerStore()));

    private SlaTimerReconciliation Reconciliation() =>
        new(_timers, _store, _store, _sla, _clock, NullLogger<SlaTimerReconciliation>.Instance);

    private sealed class SimulatedStop : Exception;

    private sealed class StoppingTimerStore : ISlaTimerStore
    {
        public Task ScheduleAsync(TenantId tenantId, long ticketId, SlaMoment moment, DateTimeOffset? dueAt, CancellationToken cancellationToken = default) =>
            throw new SimulatedStop();

        public Task<IReadOnlyList<SlaEvent>> FireDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<SlaTicketKey>> PendingAfterAsync(SlaTicketKey after, int limit, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<SlaEvent>> LeaseUndeliveredAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task MarkDeliveredAsync(long eventId, DateTimeOffset at, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
