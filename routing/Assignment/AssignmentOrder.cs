using Atendimento.Routing.Tickets;

namespace Atendimento.Routing.Assignment;

/// <summary>
/// The order queued tickets are served in: higher priority first, then the earliest first-response deadline
/// (tickets without one after those with one), then the oldest, then the lowest id so that ties are stable.
/// The PostgreSQL store sorts by the same keys (index <c>tickets_queued_in_assignment_order</c>).
/// </summary>
public sealed class AssignmentOrder : IComparer<Ticket>
{
    public static readonly AssignmentOrder Instance = new();

    public int Compare(Ticket? x, Ticket? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : 1) : -1;
        }
        var byPriority = y.Priority.CompareTo(x.Priority);
        if (byPriority != 0)
        {
            return byPriority;
        }
        var byDeadline = CompareDeadlines(x.FirstResponseDueAt, y.FirstResponseDueAt);
        if (byDeadline != 0)
        {
            return byDeadline;
        }
        var byAge = x.OpenedAt.CompareTo(y.OpenedAt);
        return byAge != 0 ? byAge : x.Id.Value.CompareTo(y.Id.Value);
    }

    private static int CompareDeadlines(DateTimeOffset? x, DateTimeOffset? y) => (x, y) switch
    {
        (null, null) => 0,
        (null, _) => 1,
        (_, null) => -1,
        _ => x.Value.CompareTo(y.Value),
    };
}
