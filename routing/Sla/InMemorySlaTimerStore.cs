using Atendimento.Platform.Tenancy;

namespace Atendimento.Routing.Sla;

/// <summary>The embedded default: one process, so one lock makes firing atomic.</summary>
public sealed class InMemorySlaTimerStore : ISlaTimerStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(TenantId, long, SlaMoment), Timer> _timers = [];
    private readonly List<Delivery> _events = [];

    public Task ScheduleAsync(TenantId tenantId, long ticketId, SlaMoment moment, DateTimeOffset? dueAt, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var key = (tenantId, ticketId, moment);
            if (!_timers.TryGetValue(key, out var timer) || timer.FiredAt is null)
            {
                _timers[key] = new Timer(dueAt, null);
            }
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<SlaEvent>> FireDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var due = _timers.Where(pair => pair.Value.FiredAt is null && pair.Value.DueAt <= now).OrderBy(pair => pair.Value.DueAt).Take(limit).ToList();
            var fired = new List<SlaEvent>();
            foreach (var ((tenant, ticket, moment), timer) in due)
            {
                _timers[(tenant, ticket, moment)] = timer with { FiredAt = now };
                var raised = new SlaEvent(_events.Count + 1, tenant, ticket, moment, timer.DueAt!.Value, now);
                _events.Add(new Delivery(raised, null, null));
                fired.Add(raised);
            }
            return Task.FromResult<IReadOnlyList<SlaEvent>>(fired);
        }
    }

    public Task<IReadOnlyList<SlaTicketKey>> PendingAfterAsync(SlaTicketKey after, int limit, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<SlaTicketKey> keys = _timers.Where(pair => pair.Value.FiredAt is null && pair.Value.DueAt is not null)
                .Select(pair => new SlaTicketKey(pair.Key.Item1, pair.Key.Item2)).Distinct()
                .Where(key => key.IsAfter(after))
                .OrderBy(key => key.TenantId.Value, StringComparer.Ordinal).ThenBy(key => key.TicketId)
                .Take(limit).ToList();
            return Task.FromResult(keys);
        }
    }

    public Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_timers.Values.Where(timer => timer.FiredAt is null && timer.DueAt is not null).Min(timer => timer.DueAt));
        }
    }

    public Task<IReadOnlyList<SlaEvent>> LeaseUndeliveredAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var leased = new List<SlaEvent>();
            for (var i = 0; i < _events.Count && leased.Count < limit; i++)
            {
                if (_events[i] is { DeliveredAt: null } delivery && delivery.Event.Attempts < SlaDeliveryPolicy.MaxAttempts
                    && (delivery.LeasedUntil is null || delivery.LeasedUntil <= now))
                {
                    var taken = delivery.Event with { Attempts = delivery.Event.Attempts + 1 };
                    _events[i] = new Delivery(taken, now + SlaDeliveryPolicy.LeaseFor(delivery.Event.Attempts), null);
                    leased.Add(taken);
                }
            }
            return Task.FromResult<IReadOnlyList<SlaEvent>>(leased);
        }
    }

    public Task MarkDeliveredAsync(long eventId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var index = (int)eventId - 1;
            if (index >= 0 && index < _events.Count)
            {
                _events[index] = _events[index] with { DeliveredAt = at };
            }
        }
        return Task.CompletedTask;
    }

    private sealed record Timer(DateTimeOffset? DueAt, DateTimeOffset? FiredAt);

    private sealed record Delivery(SlaEvent Event, DateTimeOffset? LeasedUntil, DateTimeOffset? DeliveredAt);
}
