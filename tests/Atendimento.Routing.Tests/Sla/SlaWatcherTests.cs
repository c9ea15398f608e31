using System.Collections.Concurrent;
using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Sla;
using Atendimento.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Atendimento.Routing.Tests.Sla;

/// <summary>The watcher raises each moment when it comes and sleeps exactly until the next one, at most a second.</summary>
public sealed class SlaWatcherTests
{
    private readonly FakeTimeProvider _clock = new();
    private readonly InMemorySlaTimerStore _store = new();
    private readonly RecordingSink _sink = new();
    private readonly SlaDeliveries _deliveries;
    private readonly SlaWatcher _watcher;

    public SlaWatcherTests()
    {
        _deliveries = new SlaDeliveries(_store, [_sink], _clock, NullLogger<SlaDeliveries>.Instance);
        _watcher = new SlaWatcher(_store, new SlaWakeUp(), _deliveries, _clock, NullLogger<SlaWatcher>.Instance);
    }

    [Fact]
    public async Task It_sleeps_until_the_next_moment_then_raises_it_and_the_event_is_delivered()
    {
        await _store.ScheduleAsync(TenantId.Default, 5, SlaMoment.FirstResponseBreach, _clock.GetUtcNow().AddMilliseconds(300));

        Assert.Equal(TimeSpan.FromMilliseconds(300), await _watcher.FireDueAsync(CancellationToken.None));
        Assert.Equal(0, await _deliveries.DeliverPendingAsync(CancellationToken.None));

        _clock.Advance(TimeSpan.FromMilliseconds(300));
        await _watcher.FireDueAsync(CancellationToken.None);

        Assert.Equal(1, await _deliveries.DeliverPendingAsync(CancellationToken.None));
        var delivered = Assert.Single(_sink.Received);
        Assert.Equal((5L, SlaMoment.FirstResponseBreach, _clock.GetUtcNow()), (delivered.TicketId, delivered.Moment, delivered.FiredAt));
    }

    [Fact]
    public async Task With_nothing_near_it_sleeps_at_most_a_second_so_moments_set_elsewhere_are_seen()
    {
        Assert.Equal(SlaWatcher.MaxSleep, await _watcher.FireDueAsync(CancellationToken.None));

        await _store.ScheduleAsync(TenantId.Default, 5, SlaMoment.ResolutionBreach, _clock.GetUtcNow().AddDays(3));

        Assert.Equal(SlaWatcher.MaxSleep, await _watcher.FireDueAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_sink_that_fails_gets_the_event_again_after_the_lease_and_it_is_delivered_once_it_succeeds()
    {
        await _store.ScheduleAsync(TenantId.Default, 5, SlaMoment.ResolutionWarning, _clock.GetUtcNow());
        await _watcher.FireDueAsync(CancellationToken.None);
        _sink.FailNext = true;

        Assert.Equal(0, await _deliveries.DeliverPendingAsync(CancellationToken.None));
        Assert.Equal(0, await _deliveries.DeliverPendingAsync(CancellationToken.None));

        _clock.Advance(SlaDeliveries.Lease);
        Assert.Equal(1, await _deliveries.DeliverPendingAsync(CancellationToken.None));
        Assert.Equal(0, await _deliveries.DeliverPendingAsync(CancellationToken.None));
        Assert.Single(_sink.Received);
    }

    [Fact]
    public async Task The_scheduler_sets_warning_and_breach_of_both_targets_and_a_paused_clock_has_none()
    {
        var scheduler = new SlaScheduler(_store, new SlaWakeUp(), Options.Create(new SlaOptions { WarningFraction = 0.5 }));
        var now = _clock.GetUtcNow();
        var firstResponse = SlaClock.Start(TimeSpan.FromMinutes(10), now);
        var resolution = SlaClock.Start(TimeSpan.FromHours(4), now).Pause(now.AddMinutes(1), BusinessCalendar.AlwaysOpen);

        await scheduler.ScheduleAsync(TenantId.Default, 9, firstResponse, resolution, BusinessCalendar.AlwaysOpen);

        Assert.Equal(now.AddMinutes(5), await _store.NextDueAsync());
        _clock.Advance(TimeSpan.FromHours(5));
        var fired = await _store.FireDueAsync(_clock.GetUtcNow(), 10);
        Assert.Equal([(SlaMoment.FirstResponseWarning, now.AddMinutes(5)), (SlaMoment.FirstResponseBreach, now.AddMinutes(10))], fired.Select(e => (e.Moment, e.DueAt)));
    }

    private sealed class RecordingSink : ISlaEventSink
    {
        public ConcurrentQueue<SlaEvent> Received { get; } = new();

        public bool FailNext { get; set; }

        public Task DeliverAsync(SlaEvent raised, CancellationToken cancellationToken)
        {
            if (FailNext)
            {
                FailNext = false;
                throw new HttpRequestException("the webhook answered 503");
            }
            Received.Enqueue(raised);
            return Task.CompletedTask;
        }
    }
}
