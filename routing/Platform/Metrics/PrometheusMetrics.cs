using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Atendimento.Platform.Metrics;

/// <summary>
/// Collects the measurements of the project's meters (names starting with <see cref="MeterPrefix"/>) and renders
/// them in the Prometheus text format for <c>GET /metrics</c>: counters as running totals, histograms as
/// cumulative buckets with sum and count, per tag set. prometheus-net is not on the mirror (docs/decisions/0004).
/// </summary>
public sealed class PrometheusMetrics : IDisposable
{
    public const string MeterPrefix = "Atendimento.";

    /// <summary>Bucket bounds for histograms, in the instrument's unit (our histograms measure milliseconds).</summary>
    private static readonly double[] Bounds = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, ConcurrentDictionary<string, Series>> _series = new();

    public PrometheusMetrics()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name.StartsWith(MeterPrefix, StringComparison.Ordinal))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    public string Render()
    {
        _listener.RecordObservableInstruments();
        var text = new StringBuilder();
        foreach (var (instrument, series) in _series.OrderBy(pair => pair.Key.Meter.Name + "/" + pair.Key.Name, StringComparer.Ordinal))
        {
            PrometheusText.Write(text, instrument, series, Bounds);
        }
        return text.ToString();
    }

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var byTags = _series.GetOrAdd(instrument, _ => new ConcurrentDictionary<string, Series>(StringComparer.Ordinal));
        var labels = PrometheusText.Labels(tags);
        byTags.GetOrAdd(labels, _ => new Series(Bounds.Length)).Add(value, Bounds, replace: instrument.IsObservable);
    }
}

/// <summary>One tag set of one instrument: a total (counters, gauges) and, for histograms, bucket counts.</summary>
internal sealed class Series(int buckets)
{
    private readonly Lock _gate = new();
    private readonly long[] _buckets = new long[buckets + 1];

    public double Sum { get; private set; }
    public long Count { get; private set; }

    public void Add(double value, double[] bounds, bool replace)
    {
        lock (_gate)
        {
            Sum = replace ? value : Sum + value;
            Count++;
            var bucket = Array.FindIndex(bounds, bound => value <= bound);
            _buckets[bucket < 0 ? bounds.Length : bucket]++;
        }
    }

    public (double Sum, long Count, long[] Buckets) Snapshot()
    {
        lock (_gate)
        {
            return (Sum, Count, [.. _buckets]);
        }
    }
}
