namespace Atendimento.Routing.Sla;

/// <summary>The moments an SLA raises an event for: a warning at a fraction of the target, and the breach at the deadline.</summary>
public enum SlaMoment
{
    FirstResponseWarning,
    FirstResponseBreach,
    ResolutionWarning,
    ResolutionBreach,
}

public static class SlaMoments
{
    /// <summary>Stable names: stored in the database and sent to webhooks.</summary>
    public static string Name(this SlaMoment moment) => moment switch
    {
        SlaMoment.FirstResponseWarning => "first_response_warning",
        SlaMoment.FirstResponseBreach => "first_response_breach",
        SlaMoment.ResolutionWarning => "resolution_warning",
        SlaMoment.ResolutionBreach => "resolution_breach",
        _ => throw new ArgumentOutOfRangeException(nameof(moment), moment, null),
    };

    public static SlaMoment Parse(string name)
    {
        foreach (var moment in Enum.GetValues<SlaMoment>())
        {
            if (moment.Name() == name)
            {
                return moment;
            }
        }
        throw new FormatException($"Unknown SLA moment '{name}'.");
    }
}

/// <summary>
/// An SLA moment that came: which ticket, which moment, when it was due and when it was raised; and how many
/// deliveries of it have been started (this one included, once leased).
/// </summary>
public sealed record SlaEvent(long Id, Platform.Tenancy.TenantId TenantId, long TicketId, SlaMoment Moment, DateTimeOffset DueAt, DateTimeOffset FiredAt, int Attempts = 0);

/// <summary>
/// How raised events are retried: each delivery holds the event for a lease that doubles with every attempt (2
/// minutes, 4, 8, … at most an hour), long enough for a batch to finish before another instance could take it;
/// after <see cref="MaxAttempts"/> the event is given up (logged) and no longer taken.
/// </summary>
public static class SlaDeliveryPolicy
{
    public static readonly TimeSpan FirstLease = TimeSpan.FromMinutes(2);
    public static readonly TimeSpan LongestLease = TimeSpan.FromHours(1);
    public const int MaxAttempts = 10;

    /// <summary>The lease of a delivery when <paramref name="earlierAttempts"/> have been made before it.</summary>
    public static TimeSpan LeaseFor(int earlierAttempts) =>
        TimeSpan.FromSeconds(Math.Min(FirstLease.TotalSeconds * Math.Pow(2, earlierAttempts), LongestLease.TotalSeconds));
}
