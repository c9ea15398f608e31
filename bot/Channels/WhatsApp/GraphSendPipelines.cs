using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Registry;
using Polly.Retry;

namespace Atendimento.Bot.Channels.WhatsApp;

/// <summary>
/// One resilience pipeline per business phone number (decision 0008: Polly.Core's registry, no extensions): retries
/// only what specs §6.2 calls transient, honouring Retry-After; a circuit breaker per number so one number's outage
/// does not slow every other tenant.
/// </summary>
public sealed class GraphSendPipelines(IOptions<WhatsAppOptions> options, TimeProvider clock) : IDisposable
{
    private readonly ResiliencePipelineRegistry<string> _registry = new();

    public ResiliencePipeline<GraphSendResult> For(string phoneNumberId) =>
        _registry.GetOrAddPipeline<GraphSendResult>(phoneNumberId, Build);

    public void Dispose() => _registry.Dispose();

    private void Build(ResiliencePipelineBuilder<GraphSendResult> builder)
    {
        var settings = options.Value.Resilience;
        var transient = new PredicateBuilder<GraphSendResult>()
            .HandleResult(result => !result.Succeeded && GraphErrors.IsTransient(result))
            .Handle<HttpRequestException>()
            // An HttpClient timeout, not the caller giving up: Polly does not retry the caller's cancellation.
            .Handle<TaskCanceledException>();
        builder.TimeProvider = clock;
        if (settings.RetryAttempts > 0)
        {
            builder.AddRetry(Retry(transient, settings));
        }
        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<GraphSendResult>
        {
            // 131056 is one customer's pair limit: retried, but no reason to stop the number for everyone.
            ShouldHandle = new PredicateBuilder<GraphSendResult>()
                .HandleResult(result => !result.Succeeded && GraphErrors.IsTransient(result) && result.ErrorCode != GraphErrors.PairRateLimit)
                .Handle<HttpRequestException>()
                .Handle<TaskCanceledException>(),
            FailureRatio = settings.BreakerFailureRatio,
            MinimumThroughput = settings.BreakerMinimumThroughput,
            SamplingDuration = TimeSpan.FromSeconds(settings.BreakerSamplingSeconds),
            BreakDuration = TimeSpan.FromSeconds(settings.BreakerBreakSeconds),
        });
    }

    private static RetryStrategyOptions<GraphSendResult> Retry(PredicateBuilder<GraphSendResult> transient, WhatsAppResilienceOptions settings) => new()
    {
        ShouldHandle = transient,
        MaxRetryAttempts = settings.RetryAttempts,
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        Delay = TimeSpan.FromMilliseconds(settings.RetryBaseDelayMilliseconds),
        DelayGenerator = args => ValueTask.FromResult(RetryDelay(args.Outcome.Result, args.AttemptNumber, settings)),
    };

    /// <summary>
    /// Meta's Retry-After when it sent one; for one customer's pair limit (131056) 4^X seconds, as Meta advises
    /// (specs §6.2); otherwise null, and the exponential back-off decides. Never longer than MaxRetryAfterSeconds.
    /// </summary>
    internal static TimeSpan? RetryDelay(GraphSendResult? result, int attempt, WhatsAppResilienceOptions settings)
    {
        var seconds = result?.RetryAfter?.TotalSeconds
            ?? (result?.ErrorCode == GraphErrors.PairRateLimit ? Math.Pow(4, attempt) : (double?)null);
        return seconds is { } wait ? TimeSpan.FromSeconds(Math.Min(wait, settings.MaxRetryAfterSeconds)) : null;
    }
}
