using System.Diagnostics;
using Atendimento.Bot.Channels.WhatsApp;
using Atendimento.Integration.Tests.Hosting;
using Atendimento.Testing;

namespace Atendimento.Integration.Tests.WhatsApp;

/// <summary>
/// Every error of the spec's table (§6.2) answered by the fake Graph API over real HTTP: the retryable ones are sent
/// again and taken once, the permanent ones are sent once and become dead letters with their code. Also a bare 429,
/// Retry-After, and answers that come too late or just in time.
/// </summary>
public sealed class WhatsAppGraphFailuresTests(WhatsAppGraphFailuresTests.Fixture fixture) : IClassFixture<WhatsAppGraphFailuresTests.Fixture>
{
    private const string FirstReply = "Nossos planos de fibra";
    private const string SecondReply = "Quer contratar";
    private readonly string _customer = WhatsAppWebhooks.NewCustomer();

    public static TheoryData<int, int> PermanentErrors => new()
    {
        { 400, 131047 }, { 400, 131026 }, { 400, 131051 }, { 400, 131052 }, { 400, 133010 }, { 400, 100 },
        { 401, 190 }, { 401, 0 }, { 403, 10 }, { 403, 200 }, { 403, 368 }, { 400, 131048 }, { 400, 131049 },
    };

    public static TheoryData<int, int> RetryableErrors => new()
    {
        { 400, 130429 }, { 400, 131056 }, { 400, 4 }, { 400, 80007 }, { 500, 131000 }, { 400, 1 }, { 503, 2 },
        { 503, 131016 }, { 500, 131057 },
    };

    [Theory]
    [MemberData(nameof(PermanentErrors))]
    public async Task A_permanent_error_is_sent_once_and_becomes_a_dead_letter_with_its_code(int httpStatus, int code)
    {
        fixture.Graph.FailNext(httpStatus, code);

        var failed = await StartPlansDialogAsync();

        // The conversation goes on with its next message, and the failed one was never tried again.
        await fixture.Graph.NextToAsync(_customer, SecondReply);
        Assert.DoesNotContain(fixture.Graph.TakeAllTo(_customer), r => r.Key == failed.Key);
        Assert.DoesNotContain(fixture.Graph.Accepted, m => m.Key == failed.Key);
        await ExpectStateAsync(failed.Key!, DeliveryState.Failed);
        Assert.Equal((code, true), await ErrorCodeAndDeadLetterAsync(failed.Key!));
    }

    [Theory]
    [MemberData(nameof(RetryableErrors))]
    public async Task A_retryable_error_is_sent_again_and_taken_once(int httpStatus, int code)
    {
        fixture.Graph.FailNext(httpStatus, code);

        var failed = await StartPlansDialogAsync();

        var resent = await fixture.Graph.NextToAsync(_customer, FirstReply);
        Assert.Equal(failed.Key, resent.Key);
        await fixture.Graph.NextToAsync(_customer, SecondReply);
        Assert.Single(fixture.Graph.Accepted, m => m.Key == failed.Key);
        await ExpectStateAsync(failed.Key!, DeliveryState.Sent);
    }

    [Fact]
    public async Task A_bare_429_with_retry_after_is_waited_out_then_sent_again()
    {
        fixture.Graph.FailNextWithoutBody(429, retryAfter: TimeSpan.FromSeconds(2));

        var failed = await StartPlansDialogAsync();
        var waited = Stopwatch.StartNew();
        var resent = await fixture.Graph.NextToAsync(_customer, FirstReply);

        // A lower bound only: the resend may come later on a busy machine, never sooner than Meta asked.
        Assert.True(waited.Elapsed >= TimeSpan.FromSeconds(1.5), $"resent after {waited.Elapsed.TotalMilliseconds:F0} ms, before the 2 s of Retry-After");
        Assert.Equal(failed.Key, resent.Key);
        await fixture.Graph.NextToAsync(_customer, SecondReply);
        Assert.Single(fixture.Graph.Accepted, m => m.Key == failed.Key);
    }

    [Fact]
    public async Task An_answer_slower_than_the_send_timeout_is_a_retryable_failure_and_the_message_goes_out_once()
    {
        fixture.Graph.AnswerNextAfter(TimeSpan.FromSeconds(10));

        var abandoned = await StartPlansDialogAsync();

        var resent = await fixture.Graph.NextToAsync(_customer, FirstReply, TimeSpan.FromSeconds(30));
        Assert.Equal(abandoned.Key, resent.Key);
        await fixture.Graph.NextToAsync(_customer, SecondReply, TimeSpan.FromSeconds(30));
        Assert.Single(fixture.Graph.Accepted, m => m.Key == abandoned.Key);
        await ExpectStateAsync(abandoned.Key!, DeliveryState.Sent);
    }

    [Fact]
    public async Task A_slow_answer_within_the_send_timeout_is_waited_for_and_not_resent()
    {
        fixture.Graph.AnswerNextAfter(TimeSpan.FromMilliseconds(500));

        var slow = await StartPlansDialogAsync();

        await fixture.Graph.NextToAsync(_customer, SecondReply);
        Assert.DoesNotContain(fixture.Graph.TakeAllTo(_customer), r => r.Key == slow.Key);
        Assert.Single(fixture.Graph.Accepted, m => m.Key == slow.Key);
    }

    /// <summary>The customer asks about plans; the bot's first answer is the request the queued failure hits.</summary>
    private async Task<GraphRequest> StartPlansDialogAsync()
    {
        using var meta = fixture.Host.Http();
        using (var accepted = await WhatsAppWebhooks.PostAsync(meta, WhatsAppWebhooks.Text(_customer, "quero conhecer os planos")))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, accepted.StatusCode);
        }
        var first = await fixture.Graph.NextToAsync(_customer, FirstReply);
        Assert.NotNull(first.Key);
        return first;
    }

    private async Task ExpectStateAsync(string key, DeliveryState expected)
    {
        await Eventually.TrueAsync(
            async () => await fixture.ScalarAsync<int?>("SELECT state FROM whatsapp_outbox WHERE id = $1", key) == (int)expected,
            $"the outbox row in state {expected}");
        Assert.Equal((int)expected, await fixture.ScalarAsync<int?>("SELECT state FROM whatsapp_outbox WHERE id = $1", key));
    }

    private async Task<(int?, bool?)> ErrorCodeAndDeadLetterAsync(string key) => (
        await fixture.ScalarAsync<int?>("SELECT error_code FROM whatsapp_outbox WHERE id = $1", key),
        await fixture.ScalarAsync<bool?>("SELECT dead_letter FROM whatsapp_outbox WHERE id = $1", key));

    /// <summary>
    /// A host whose retries are quick (so a test waits milliseconds, not seconds), whose send timeout is 2 s, and whose
    /// breaker does not open: the breaker has its own tests, and here each case must reach Meta.
    /// </summary>
    public sealed class Fixture : WhatsAppFixture
    {
        protected override void Adjust(IDictionary<string, string?> settings)
        {
            settings["WhatsApp:MarkAsRead"] = "false";
            settings["WhatsApp:OutboxPollMilliseconds"] = "100";
            settings["WhatsApp:Resilience:RetryBaseDelayMilliseconds"] = "20";
            settings["WhatsApp:Resilience:MaxRetryAfterSeconds"] = "5";
            settings["WhatsApp:Resilience:SendTimeoutSeconds"] = "2";
            settings["WhatsApp:Resilience:RedeliveryBaseDelaySeconds"] = "1";
            settings["WhatsApp:Resilience:BreakerMinimumThroughput"] = "10000";
        }

        public async Task<T?> ScalarAsync<T>(string sql, string key)
        {
            await using var command = Schema.DataSource.CreateCommand(sql);
            command.Parameters.AddWithValue(key);
            var value = await command.ExecuteScalarAsync();
            return value is null or DBNull ? default : (T)value;
        }
    }
}
