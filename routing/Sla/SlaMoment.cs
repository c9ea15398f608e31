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

/// <summary>An SLA moment that came: which ticket, which moment, when it was due and when it was raised.</summary>
public sealed record SlaEvent(long Id, Platform.Tenancy.TenantId TenantId, long TicketId, SlaMoment Moment, DateTimeOffset DueAt, DateTimeOffset FiredAt);
