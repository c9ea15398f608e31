using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Atendimento.Platform.Metrics;

public static class MetricsEndpoint
{
    /// <summary>GET /metrics in the Prometheus text format; counts and timings only, never ids or message content.</summary>
    public static IEndpointRouteBuilder MapPrometheusMetrics(this IEndpointRouteBuilder app)
    {
        // Created now, not at the first scrape: the listener only sees measurements made after it exists.
        app.ServiceProvider.GetRequiredService<PrometheusMetrics>();
        app.MapGet("/metrics", (PrometheusMetrics metrics) => Results.Text(metrics.Render(), "text/plain; version=0.0.4; charset=utf-8"))
            .ExcludeFromDescription();
        return app;
    }
}
