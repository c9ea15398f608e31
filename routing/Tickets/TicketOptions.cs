using System.ComponentModel.DataAnnotations;
using Atendimento.Routing.Sla;

namespace Atendimento.Routing.Tickets;

/// <summary>Ticket rules an operator sets (section <c>Routing:Tickets</c>); the defaults are named here.</summary>
public sealed class TicketOptions
{
    public const string Section = "Routing:Tickets";

    public static readonly TimeSpan DefaultReopenWindow = TimeSpan.FromDays(7);

    /// <summary>How long after its resolution a ticket may still be reopened; after that the customer gets a new ticket.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan ReopenWindow { get; set; } = DefaultReopenWindow;

    /// <summary>The queue an escalated or de-escalated ticket goes to when the agent names none.</summary>
    public Dictionary<SupportLevel, string> LevelQueues { get; set; } = new()
    {
        [SupportLevel.N1] = "atendimento-geral",
        [SupportLevel.N2] = "n2-especialistas",
        [SupportLevel.N3] = "ouvidoria",
    };

    /// <summary>First response and resolution targets per tenant, priority and level, in business time (see <see cref="SlaPolicy"/>).</summary>
    public List<SlaTarget> Sla { get; set; } = [];

    public string QueueFor(SupportLevel level) => LevelQueues.TryGetValue(level, out var queue) ? queue : level.ToString().ToLowerInvariant();
}
