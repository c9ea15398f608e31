using System.Diagnostics.Metrics;
using Atendimento.Platform.Metrics;

namespace Atendimento.Routing.Tests.Platform;

public sealed class PrometheusMetricsTests : IDisposable
{
    // A meter of its own per test run, so other tests' measurements cannot leak in.
    private readonly Meter _meter = new($"Atendimento.Test.{Guid.NewGuid():N}");
    private readonly PrometheusMetrics _metrics = new();

    public void Dispose()
    {
        _metrics.Dispose();
        _meter.Dispose();
    }

    [Fact]
    public void Counters_are_rendered_as_totals_per_tag_set_with_help_and_type()
    {
        var turns = _meter.CreateCounter<long>("atendimento.test.turns", description: "Turns \"processed\"");
        turns.Add(2, new KeyValuePair<string, object?>("channel", "directline"));
        turns.Add(3, new KeyValuePair<string, object?>("channel", "directline"));
        turns.Add(1, new KeyValuePair<string, object?>("channel", "emulator"));

        var text = _metrics.Render();

        Assert.Contains("# HELP atendimento_test_turns_total Turns \"processed\"\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE atendimento_test_turns_total counter\n", text, StringComparison.Ordinal);
        Assert.Contains("atendimento_test_turns_total{channel=\"directline\"} 5\n", text, StringComparison.Ordinal);
        Assert.Contains("atendimento_test_turns_total{channel=\"emulator\"} 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Histograms_are_rendered_as_cumulative_buckets_with_sum_and_count_and_the_unit_in_the_name()
    {
        var duration = _meter.CreateHistogram<double>("atendimento.test.duration", unit: "ms");
        duration.Record(0.5);
        duration.Record(7);
        duration.Record(20000);

        var text = _metrics.Render();

        Assert.Contains("# TYPE atendimento_test_duration_ms histogram\n", text, StringComparison.Ordinal);
        Assert.Contains("atendimento_test_duration_ms_bucket{le=\"1\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("atendimento_test_duration_ms_bucket{le=\"5\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("atendimento_test_duration_ms_bucket{le=\"10\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("atendimento_test_duration_ms_bucket{le=\"10000\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("atendimento_test_duration_ms_bucket{le=\"+Inf\"} 3\n", text, StringComparison.Ordinal);
        Assert.Contains("atendimento_test_duration_ms_sum 20007.5\n", text, StringComparison.Ordinal);
        Assert.Contains("atendimento_test_duration_ms_count 3\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Meters_outside_the_project_are_not_exported()
    {
        using var foreign = new Meter($"Other.Library.{Guid.NewGuid():N}");
        foreign.CreateCounter<long>("other.requests").Add(1);

        Assert.DoesNotContain("other_requests", _metrics.Render(), StringComparison.Ordinal);
    }
}
