using Atendimento.Routing.Tickets;

namespace Atendimento.Routing.Kpis;

/// <summary>How a period is split: not at all, or into UTC days or ISO weeks (Monday to Sunday, UTC).</summary>
public enum KpiGrouping
{
    None,
    Day,
    Week,
}

/// <summary>
/// What to measure: the half-open period [<see cref="From"/>, <see cref="To"/>), optionally only the tickets now
/// at one level, in one queue or from one channel, split by <see cref="GroupBy"/>.
/// </summary>
public sealed record KpiQuery(
    DateTimeOffset From,
    DateTimeOffset To,
    SupportLevel? Level = null,
    string? Queue = null,
    string? Channel = null,
    KpiGrouping GroupBy = KpiGrouping.None)
{
    public const int MaxDays = 366;

    /// <summary>The bot's side has no level or queue: it is measured only when neither filter is set.</summary>
    public bool MeasuresBot => Level is null && Queue is null;

    /// <summary>The start of the bucket an instant falls in: the period's start when not grouped.</summary>
    public DateTimeOffset BucketOf(DateTimeOffset at)
    {
        var day = new DateTimeOffset(at.UtcDateTime.Date, TimeSpan.Zero);
        return GroupBy switch
        {
            KpiGrouping.Day => day,
            KpiGrouping.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
            _ => From,
        };
    }

    /// <summary>
    /// <see cref="BucketOf"/> in SQL, for a statement whose parameter $2 is <see cref="From"/>: PostgreSQL's ISO week
    /// starts on Monday too.
    /// </summary>
    public string BucketSql(string column) => GroupBy switch
    {
        KpiGrouping.Day => $"date_trunc('day', {column}, 'UTC')",
        KpiGrouping.Week => $"date_trunc('week', {column}, 'UTC')",
        _ => "$2::timestamptz",
    };

    /// <summary>Every bucket of the period in order, clipped to it, each keyed by its unclipped start.</summary>
    public IReadOnlyList<KpiBucket> Buckets()
    {
        if (GroupBy == KpiGrouping.None)
        {
            return [new KpiBucket(From, From, To)];
        }
        var step = GroupBy == KpiGrouping.Day ? TimeSpan.FromDays(1) : TimeSpan.FromDays(7);
        var buckets = new List<KpiBucket>();
        for (var key = BucketOf(From); key < To; key += step)
        {
            buckets.Add(new KpiBucket(key, key < From ? From : key, key + step > To ? To : key + step));
        }
        return buckets;
    }
}

/// <summary>One slice of the period: <see cref="Key"/> is the start of its day or week, Start/End are clipped to the period.</summary>
public sealed record KpiBucket(DateTimeOffset Key, DateTimeOffset Start, DateTimeOffset End);
