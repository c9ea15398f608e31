using System.ComponentModel.DataAnnotations;
using Atendimento.Platform.Tenancy;

namespace Atendimento.Routing.Assignment;

/// <summary>How tickets reach agents (section <c>Routing:Assignment</c>); the defaults are named here.</summary>
public sealed class AssignmentOptions : IValidatableObject
{
    public const string Section = "Routing:Assignment";

    public static readonly TimeSpan DefaultSweepInterval = TimeSpan.FromSeconds(5);

    /// <summary>Whether this instance runs the push dispatcher. Pick (<c>POST /api/v1/tickets/next</c>) works either way.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The safety sweep: a pass over every tenant with a queue even when no wake-up came (a lost bus message, an overflow due).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan SweepInterval { get; set; } = DefaultSweepInterval;

    /// <summary>How many queued tickets of a tenant one pass reads; a pass that used them all runs again at once.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>The mode of a queue not listed in <see cref="Queues"/>.</summary>
    public QueueMode DefaultMode { get; set; } = QueueMode.Push;

    public List<QueueOptions> Queues { get; set; } = [];

    /// <summary>The tenant's own settings for the queue, else the ones for every tenant, else null (default mode, no overflow).</summary>
    public QueueOptions? Find(TenantId tenant, string queue) =>
        Queues.FirstOrDefault(q => q.Name == queue && q.Tenant == tenant.Value) ?? Queues.FirstOrDefault(q => q.Name == queue && q.Tenant is null);

    public QueueMode ModeOf(TenantId tenant, string queue) => Find(tenant, queue)?.Mode ?? DefaultMode;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        Queues.SelectMany((queue, i) => queue.Problems().Select(problem => new ValidationResult($"{Section}:Queues:{i}: {problem}")));
}

/// <summary>One queue of one tenant (or of every tenant when <see cref="Tenant"/> is null), named as tickets name it.</summary>
public sealed class QueueOptions
{
    public string? Tenant { get; set; }

    public string Name { get; set; } = "";

    public QueueMode Mode { get; set; } = QueueMode.Push;

    /// <summary>How long a ticket may wait in this queue before it overflows; null never.</summary>
    public TimeSpan? MaxWait { get; set; }

    public OverflowTarget Overflow { get; set; } = OverflowTarget.None;

    /// <summary>Where <see cref="OverflowTarget.FallbackQueue"/> sends the ticket.</summary>
    public string? FallbackQueue { get; set; }

    internal IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            yield return "Name is required.";
        }
        if (MaxWait is { } wait && wait <= TimeSpan.Zero)
        {
            yield return "MaxWait must be positive.";
        }
        if ((MaxWait is null) != (Overflow == OverflowTarget.None))
        {
            yield return "MaxWait and Overflow go together: set both or neither.";
        }
        if (Overflow == OverflowTarget.FallbackQueue && (string.IsNullOrWhiteSpace(FallbackQueue) || FallbackQueue == Name))
        {
            yield return "Overflow FallbackQueue needs a FallbackQueue other than the queue itself.";
        }
    }
}

/// <summary>Push: the engine assigns tickets to agents. Pick: tickets wait until an agent takes the next one.</summary>
public enum QueueMode
{
    Push,
    Pick,
}

/// <summary>Where a ticket that waited longer than its queue allows goes.</summary>
public enum OverflowTarget
{
    None,

    /// <summary>Escalated one level up, into that level's queue (Routing:Tickets:LevelQueues).</summary>
    NextLevel,

    /// <summary>Moved to <see cref="QueueOptions.FallbackQueue"/> at the same level.</summary>
    FallbackQueue,
}
