using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Atendimento.Bot.Hosting;

/// <summary>
/// Creates the OTLP tracer and meter providers when the host starts: they only listen once they exist, and as
/// container-built singletons they are disposed, and their last batch flushed, when it stops.
/// </summary>
internal sealed class TelemetryStartup(TracerProvider tracing, MeterProvider metrics) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        tracing.ForceFlush(2000);
        metrics.ForceFlush(2000);
        return Task.CompletedTask;
    }
}
