using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Sla;
using Atendimento.Testing;

namespace Atendimento.Routing.Tests.Sla;

/// <summary>What every <see cref="ISlaTimerStore"/> promises; each implementation runs these facts.</summary>
public abstract class SlaTimerStoreContract : IAsyncLifetime
{
    private static readonly TenantId Other = new("outra-empresa");
    private static readonly DateTimeOffset Now = new(2026, 4, 20, 12, 0, 0, TimeSpan.Zero);

    protected ISlaTimerStore Store { get; private set; } = null!;

    public async Task InitializeAsync() => Store = await CreateStoreAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected abstract Task<ISlaTimerStore> CreateStoreAsync();

    [Fact]
    public async Task A_due_timer_fires_once_with_its_moment_and_later_asks_fire_nothing()
    {
        await Store.ScheduleAsync(TenantId.Default, 7, SlaMoment.FirstResponseBreach, Now.AddSeconds(-2));

        var fired = Assert.Single(await Store.FireDueAsync(Now, 10));

        Assert.Equal((TenantId.Default, 7L, SlaMoment.FirstResponseBreach, Now.AddSeconds(-2), Now), (fired.TenantId, fired.TicketId, fired.Moment, fired.DueAt, fired.FiredAt));
        Assert.Empty(await Store.FireDueAsync(Now.AddMinutes(1), 10));
    }

    [Fact]
    public async Task A_timer_not_yet_due_does_not_fire_and_is_the_next_moment()
    {
        await Store.ScheduleAsync(TenantId.Default, 7, SlaMoment.ResolutionWarning, Now.AddSeconds(1));
        await Store.ScheduleAsync(Other, 8, SlaMoment.ResolutionBreach, Now.AddHours(2));

        Assert.Empty(await Store.FireDueAsync(Now, 10));
        Assert.Equal(Now.AddSeconds(1), await Store.NextDueAsync());
    }

    [Fact]
    public async Task Rescheduling_before_the_moment_moves_it_and_null_cancels_it()
    {
        await Store.ScheduleAsync(TenantId.Default, 7, SlaMoment.FirstResponseWarning, Now.AddSeconds(-1));
        await Store.ScheduleAsync(TenantId.Default, 7, SlaMoment.FirstResponseWarning, Now.AddMinutes(10));
        await Store.ScheduleAsync(TenantId.Default, 8, SlaMoment.FirstResponseWarning, Now.AddSeconds(-1));
        await Store.ScheduleAsync(TenantId.Default, 8, SlaMoment.FirstResponseWarning, null);

        Assert.Empty(await Store.FireDueAsync(Now, 10));
        Assert.Equal(Now.AddMinutes(10), await Store.NextDueAsync());
    }

    [Fact]
    public async Task A_moment_that_fired_never_fires_again_even_when_scheduled_anew()
    {
        await Store.ScheduleAsync(TenantId.Default, 7, SlaMoment.ResolutionBreach, Now.AddSeconds(-1));
        await Store.FireDueAsync(Now, 10);

        await Store.ScheduleAsync(TenantId.Default, 7, SlaMoment.ResolutionBreach, Now.AddMinutes(5));

        Assert.Empty(await Store.FireDueAsync(Now.AddHours(1), 10));
        Assert.Null(await Store.NextDueAsync());
    }

    [Fact]
    public async Task Tickets_with_a_moment_still_to_fire_are_listed_once_each_in_key_order_after_the_cursor()
    {
        await Store.ScheduleAsync(Other, 3, SlaMoment.FirstResponseWarning, Now.AddMinutes(5));
        await Store.ScheduleAsync(TenantId.Default, 9, SlaMoment.FirstResponseWarning, Now.AddMinutes(5));
        await Store.ScheduleAsync(TenantId.Default, 9, SlaMoment.ResolutionBreach, Now.AddHours(5));
        await Store.ScheduleAsync(TenantId.Default, 4, SlaMoment.ResolutionBreach, Now.AddHours(5));
        await Store.ScheduleAsync(TenantId.Default, 5, SlaMoment.ResolutionBreach, null); // cancelled
        await Store.ScheduleAsync(TenantId.Default, 6, SlaMoment.FirstResponseBreach, Now.AddSeconds(-1));
        await Store.FireDueAsync(Now, 10); // 6 fired: nothing left to fire

        var first = await Store.PendingAfterAsync(SlaTicketKey.Start, 2);
        var rest = await Store.PendingAfterAsync(first[^1], 2);

        // "default" < "outra-empresa" byte by byte.
        Assert.Equal([new SlaTicketKey(TenantId.Default, 4), new SlaTicketKey(TenantId.Default, 9)], first);
        Assert.Equal([new SlaTicketKey(Other, 3)], rest);
    }

    [Fact]
    public async Task Due_timers_fire_earliest_first_across_tenants_up_to_the_limit()
    {
        await Store.ScheduleAsync(TenantId.Default, 1, SlaMoment.ResolutionBreach, Now.AddSeconds(-1));
        await Store.ScheduleAsync(Other, 2, SlaMoment.FirstResponseBreach, Now.AddSeconds(-3));
        await Store.ScheduleAsync(TenantId.Default, 3, SlaMoment.FirstResponseWarning, Now.AddSeconds(-2));

        var first = await Store.FireDueAsync(Now, 2);
        var rest = await Store.FireDueAsync(Now, 2);

        Assert.Equal([(Other, 2L), (TenantId.Default, 3L)], first.Select(e => (e.TenantId, e.TicketId)));
        Assert.Equal([(TenantId.Default, 1L)], rest.Select(e => (e.TenantId, e.TicketId)));
    }

    [Fact]
    public async Task Two_callers_firing_at_once_share_the_due_timers_without_firing_any_twice()
    {
        for (var ticket = 1; ticket <= 200; ticket++)
        {
            await Store.ScheduleAsync(TenantId.Default, ticket, SlaMoment.FirstResponseBreach, Now.AddMilliseconds(-ticket));
        }

        var batches = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var mine = new List<SlaEvent>();
            for (var round = 0; round < 20; round++)
            {
                mine.AddRange(await Store.FireDueAsync(Now, 15));
            }
            return mine;
        })));

        var fired = batches.SelectMany(batch => batch).Select(e => e.TicketId).ToList();
        Assert.Equal(200, fired.Count);
        Assert.Equal(200, fired.Distinct().Count());
    }

    [Fact]
    public async Task Raised_events_are_leased_once_until_the_lease_ends_and_gone_once_delivered()
    {
        await Store.ScheduleAsync(TenantId.Default, 1, SlaMoment.FirstResponseWarning, Now.AddSeconds(-2));
        await Store.ScheduleAsync(TenantId.Default, 2, SlaMoment.FirstResponseBreach, Now.AddSeconds(-1));
        var raised = await Store.FireDueAsync(Now, 10);

        var leased = await Store.LeaseUndeliveredAsync(Now, 10);
        Assert.Equal(raised.Select(e => e.Id), leased.Select(e => e.Id));
        Assert.All(leased, e => Assert.Equal(1, e.Attempts));
        Assert.Empty(await Store.LeaseUndeliveredAsync(Now.AddSeconds(10), 10));

        await Store.MarkDeliveredAsync(leased[0].Id, Now.AddSeconds(1));

        var again = await Store.LeaseUndeliveredAsync(Now + SlaDeliveryPolicy.FirstLease, 10);
        Assert.Equal([leased[1].Id], again.Select(e => e.Id));
        Assert.Equal((2L, SlaMoment.FirstResponseBreach, 2), (again[0].TicketId, again[0].Moment, again[0].Attempts));
    }

    [Fact]
    public async Task Each_retry_waits_twice_as_long_as_the_last_and_after_the_last_attempt_the_event_is_given_up()
    {
        await Store.ScheduleAsync(TenantId.Default, 1, SlaMoment.ResolutionBreach, Now.AddSeconds(-1));
        await Store.FireDueAsync(Now, 10);
        var at = Now;

        for (var attempt = 1; attempt <= SlaDeliveryPolicy.MaxAttempts; attempt++)
        {
            Assert.Equal(attempt, Assert.Single(await Store.LeaseUndeliveredAsync(at, 10)).Attempts);
            var lease = SlaDeliveryPolicy.LeaseFor(attempt - 1);
            Assert.Empty(await Store.LeaseUndeliveredAsync(at + lease - TimeSpan.FromSeconds(1), 10));
            at += lease;
        }

        Assert.Empty(await Store.LeaseUndeliveredAsync(at.AddDays(1), 10));
        Assert.Equal(TimeSpan.FromMinutes(4), SlaDeliveryPolicy.LeaseFor(1));
        Assert.Equal(SlaDeliveryPolicy.LongestLease, SlaDeliveryPolicy.LeaseFor(9));
    }
}

public sealed class InMemorySlaTimerStoreTests : SlaTimerStoreContract
{
    protected override Task<ISlaTimerStore> CreateStoreAsync() => Task.FromResult<ISlaTimerStore>(new InMemorySlaTimerStore());
}

public sealed class PostgresSlaTimerStoreTests : SlaTimerStoreContract
{
    private readonly SchemaPerTest _database = new(RoutingDatabase.CreateSchemaAsync);

    public override Task DisposeAsync() => _database.DisposeAsync();

    protected override async Task<ISlaTimerStore> CreateStoreAsync()
    {
        await _database.InitializeAsync();
        return new PostgresSlaTimerStore(_database.Schema.DataSource);
    }
}
