using System.Diagnostics;

namespace Atendimento.WhatsAppLoad;

/// <summary>Counts of events per one-second window: per clock-aligned second of the run, and the most in any sliding second.</summary>
internal sealed record WindowRates(int Count, IReadOnlyList<int> PerSecond, int MaxSliding, double MaxSlidingAt)
{
    public static WindowRates Of(IEnumerable<long> stopwatchTicks, long origin)
    {
        var seconds = stopwatchTicks.Select(t => (t - origin) / (double)Stopwatch.Frequency).Order().ToArray();
        if (seconds.Length == 0)
        {
            return new WindowRates(0, [], 0, 0);
        }
        var perSecond = new int[(int)seconds[^1] + 1];
        foreach (var second in seconds)
        {
            perSecond[(int)second]++;
        }
        var (max, at) = MaxInAnySecond(seconds);
        return new WindowRates(seconds.Length, perSecond, max, at);
    }

    public int MaxFixed => PerSecond.Count == 0 ? 0 : PerSecond.Max();

    /// <summary>The most events in any half-open interval [t, t + 1 s), and its t: two pointers over the sorted times.</summary>
    private static (int Max, double At) MaxInAnySecond(double[] sorted)
    {
        var (max, at, start) = (0, 0.0, 0);
        for (var end = 0; end < sorted.Length; end++)
        {
            while (sorted[end] - sorted[start] >= 1.0)
            {
                start++;
            }
            if (end - start + 1 > max)
            {
                (max, at) = (end - start + 1, sorted[start]);
            }
        }
        return (max, at);
    }
}
