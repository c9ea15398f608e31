using System.Diagnostics;
using Atendimento.Handoff;
using Atendimento.Platform.Health;
using Atendimento.Routing;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Atendimento.Bot.Hosting;

internal static class ObservabilityExtensions
{
    private static readonly string[] Sources = [BotTelemetry.Name, HandoffTelemetry.Name, RoutingTelemetry.Name];

    /// <summary>
    /// JSON logs with the trace and span ids of the current activity; traces and metrics of every module over
    /// OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set. ASP.NET Core, HttpClient and Npgsql emit their own activities.
    /// </summary>
    public static WebApplicationBuilder AddObservability(this WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(options =>
        {
            options.IncludeScopes = true;
            options.UseUtcTimestamp = true;
            options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
        builder.Logging.Configure(options => options.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            // Built by the container, so it disposes them at shutdown and the last batch is flushed.
            builder.Services.AddSingleton(_ => Sdk.CreateTracerProviderBuilder()
                .AddSource([.. Sources, "Microsoft.AspNetCore", "System.Net.Http", "Npgsql"])
                .AddOtlpExporter()
                .Build());
            builder.Services.AddSingleton(_ => Sdk.CreateMeterProviderBuilder()
                .AddMeter([.. Sources, "Microsoft.AspNetCore.Hosting", "Npgsql"])
                .AddOtlpExporter()
                .Build());
            builder.Services.AddHostedService<TelemetryStartup>();
        }
        return builder;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        // Live: the process answers. Ready: PostgreSQL and Redis (when configured) answer too.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(HealthTags.Ready) });
        return app;
    }
}
