using System.ComponentModel.DataAnnotations;

namespace Atendimento.Bot.Channels.WhatsApp;

/// <summary>Retries and the circuit breaker around Graph API sends (specs §6.2), per business phone number.</summary>
public sealed class WhatsAppResilienceOptions
{
    /// <summary>
    /// How long one send waits for Meta's answer. A send that times out counts as a retryable failure: Meta may or may
    /// not have taken it, and the resend carries the same biz_opaque_callback_data so the two can be matched.
    /// </summary>
    [Range(1, 120)]
    public int SendTimeoutSeconds { get; set; } = 15;

    /// <summary>Further tries of a retryable failure within one send; beyond them the message waits in the outbox for a later send.</summary>
    [Range(0, 10)]
    public int RetryAttempts { get; set; } = 3;

    /// <summary>First back-off delay; it doubles (with jitter) on each try unless Meta sent Retry-After.</summary>
    [Range(1, 60_000)]
    public int RetryBaseDelayMilliseconds { get; set; } = 1000;

    /// <summary>The longest Retry-After (or pair-limit back-off) waited for in-process; a longer one is cut to this.</summary>
    [Range(0, 600)]
    public int MaxRetryAfterSeconds { get; set; } = 30;

    /// <summary>Sends (each with its in-process retries) before a retryably failing message becomes a dead letter.</summary>
    [Range(1, 100)]
    public int MaxSendAttempts { get; set; } = 8;

    /// <summary>The wait in the outbox after the first failed send; it doubles with each further one...</summary>
    [Range(1, 3600)]
    public int RedeliveryBaseDelaySeconds { get; set; } = 5;

    /// <summary>...up to this.</summary>
    [Range(1, 86_400)]
    public int RedeliveryMaxDelaySeconds { get; set; } = 300;

    /// <summary>The breaker opens when this share of the sends in the sampling window failed retryably...</summary>
    [Range(0.01, 1.0)]
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>...and at least this many sends were made in it.</summary>
    [Range(2, 10_000)]
    public int BreakerMinimumThroughput { get; set; } = 10;

    [Range(1, 3600)]
    public int BreakerSamplingSeconds { get; set; } = 30;

    /// <summary>How long an open breaker refuses sends for that number before letting one through.</summary>
    [Range(1, 3600)]
    public int BreakerBreakSeconds { get; set; } = 30;
}
