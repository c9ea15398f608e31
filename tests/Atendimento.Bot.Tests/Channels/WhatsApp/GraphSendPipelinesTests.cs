using System.Net;
using Atendimento.Bot.Channels.WhatsApp;

namespace Atendimento.Bot.Tests.Channels.WhatsApp;

public sealed class GraphSendPipelinesTests
{
    private static readonly WhatsAppResilienceOptions Settings = new() { MaxRetryAfterSeconds = 30 };

    [Fact]
    public void Retry_after_from_meta_wins_up_to_the_configured_maximum()
    {
        Assert.Equal(TimeSpan.FromSeconds(7), GraphSendPipelines.RetryDelay(Failure(130429, TimeSpan.FromSeconds(7)), 0, Settings));
        Assert.Equal(TimeSpan.FromSeconds(30), GraphSendPipelines.RetryDelay(Failure(130429, TimeSpan.FromMinutes(5)), 0, Settings));
    }

    [Fact]
    public void A_pair_limit_waits_4_to_the_power_of_the_attempt_seconds()
    {
        Assert.Equal(
            [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(16), TimeSpan.FromSeconds(30)],
            Enumerable.Range(0, 4).Select(attempt => GraphSendPipelines.RetryDelay(Failure(131056), attempt, Settings)!.Value));
    }

    [Fact]
    public void Other_retryable_failures_leave_the_delay_to_the_exponential_back_off()
    {
        Assert.Null(GraphSendPipelines.RetryDelay(Failure(131000), 1, Settings));
        Assert.Null(GraphSendPipelines.RetryDelay(null, 1, Settings));
    }

    private static GraphSendResult Failure(int code, TimeSpan? retryAfter = null) =>
        new(null, code, HttpStatusCode.BadRequest, retryAfter, "T");
}
