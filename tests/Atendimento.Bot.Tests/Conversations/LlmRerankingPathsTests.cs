using System.Diagnostics;
using System.Diagnostics.Metrics;
using Atendimento.Bot.Dialogs;
using Atendimento.Bot.Recognition.Llm;
using Atendimento.Bot.Tests.Harness;
using Atendimento.Bot.Tests.Recognition.Llm;
using Atendimento.Handoff;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Atendimento.Bot.Tests.Conversations;

/// <summary>
/// The optional LLM stage against a real OpenAI-compatible server on loopback. With the shipped dialogs the
/// recognizer is unsure of "fibra" (planos about 0.73, inside the clarification band), lost on "multa" and on
/// "trocar" (cancelamento about 0.4 first, below the answer threshold, with planos among the next two), and sure of
/// "quero a segunda via". The tests check those premises where they depend on them.
/// </summary>
public sealed class LlmRerankingPathsTests
{
    private const string Model = "modelo-de-teste";
    private const string ApiKey = "sk-chave-de-teste-123";
    private static readonly string[] PlanosOffer = ["Conhecer os planos", "Nenhuma dessas"];

    [Fact]
    public async Task Off_by_default_an_unsure_message_is_offered_as_before_and_the_server_hears_nothing()
    {
        await using var llm = await StubChatServer.StartAsync((context, request) => StubChatServer.PickAsync(context, request, "planos"));
        var settings = Settings(llm);
        settings.Remove($"{LlmRerankOptions.Section}:Enabled");
        await using var bot = new ConversationHarness(settings: settings);

        await bot.Send("fibra").AssertReply(bot.Policy.Clarification!.Prompt).AssertSuggestedActions(PlanosOffer).AssertNoReply();

        Assert.Empty(llm.Requests);
        Assert.Null((await bot.ConversationAsync()).Dialog.Trail[^1].Llm);
    }

    [Fact]
    public async Task A_clear_message_is_answered_without_asking_the_llm()
    {
        await using var llm = await StubChatServer.StartAsync((context, request) => StubChatServer.PickAsync(context, request, "planos"));
        await using var bot = Bot(llm);

        await bot.Send("quero a segunda via").AssertReply(r => Assert.Contains("CPF do titular", r.Text, StringComparison.Ordinal)).AssertNoReply();

        Assert.Empty(llm.Requests);
    }

    [Fact]
    public async Task An_unsure_message_is_sent_once_with_the_model_the_key_the_text_and_the_recognizers_best_candidates()
    {
        await using var llm = await StubChatServer.StartAsync((context, request) => StubChatServer.PickAsync(context, request, "none"));
        await using var bot = Bot(llm);
        var expected = bot.Catalog.Current.Recognizer.Recognize("fibra").Candidates.Take(bot.Policy.Clarification!.MaxCandidates).Select(c => c.Intent).ToList();

        await bot.Send("fibra").AssertReply(bot.Policy.Clarification!.Prompt);

        var request = Assert.Single(llm.Requests);
        Assert.Equal(("POST", "/v1/chat/completions", $"Bearer {ApiKey}", Model), (request.Method, request.Path, request.Authorization, request.Model));
        Assert.Equal(0, (double)request.Body["temperature"]!);
        Assert.Equal("json_object", (string?)request.Body["response_format"]!["type"]);
        Assert.Equal("fibra", (string?)request.Payload["message"]);
        Assert.Equal(3, expected.Count);
        Assert.Equal("planos", expected[0]);
        Assert.Equal(expected, request.CandidateIntents);
        var planos = request.Payload["candidates"]![0]!;
        Assert.Equal("Conhecer os planos", (string?)planos["title"]);
        Assert.Equal(["quais sao os planos", "quero conhecer os planos", "planos de internet"], planos["examples"]!.AsArray().Select(e => (string)e!));
    }

    [Fact]
    public async Task A_pick_starts_that_dialog_as_if_the_recognition_had_been_clear_and_the_trail_shows_the_pick()
    {
        // Not the recognizer's own choice, so the answer cannot be mistaken for it.
        await using var llm = await StubChatServer.StartAsync((context, request) => StubChatServer.PickAsync(context, request, "planos"));
        await using var bot = Bot(llm);
        var ranked = bot.Catalog.Current.Recognizer.Recognize("trocar").Candidates.Take(bot.Policy.Clarification!.MaxCandidates).Select(c => c.Intent).ToList();
        Assert.NotEqual("planos", ranked[0]);
        Assert.Contains("planos", ranked);

        await bot.Send("trocar")
            .AssertReply(r => Assert.StartsWith("Nossos planos de fibra", r.Text, StringComparison.Ordinal))
            .AssertReply("Quer contratar ou mudar de plano agora?").AssertNoReply();

        var dialog = (await bot.ConversationAsync()).Dialog;
        Assert.Equal("planos", dialog.Intent);
        var step = dialog.Trail[^1];
        Assert.Equal(("trocar", ranked[0]), (step.Text, step.Intent));
        Assert.Equal(new LlmRerank(LlmOutcome.Picked, "planos"), step.Llm);
        Assert.Single(llm.Requests);
    }

    [Fact]
    public async Task A_pick_of_a_critical_intent_hands_off_as_its_dialog_does_and_the_ticket_shows_the_pick()
    {
        await using var llm = await StubChatServer.StartAsync((context, request) => StubChatServer.PickAsync(context, request, "cancelamento"));
        await using var bot = Bot(llm);

        await bot.Send("multa")
            .AssertReply(r => Assert.StartsWith("Entendi que você quer cancelar.", r.Text, StringComparison.Ordinal))
            .AssertReply(r => Assert.Contains("protocolo é 1", r.Text, StringComparison.Ordinal))
            .AssertEvent("handoff.initiate", e => Assert.Equal(HandoffReasons.CriticalIntent, (string?)e.Value!["reason"]));

        var ticket = await bot.TicketAsync();
        Assert.Equal("retencao", ticket.Queue);
        var step = ticket.Handoff.GetProperty("recognitionTrail")[0];
        Assert.Equal(("multa", "Picked", "cancelamento"),
            (step.GetProperty("text").GetString(), step.GetProperty("llm").GetProperty("outcome").GetString(), step.GetProperty("llm").GetProperty("intent").GetString()));
        Assert.Contains("cancelamento", Assert.Single(llm.Requests).CandidateIntents);
    }

    [Fact]
    public async Task None_of_them_leaves_the_offer_as_today_and_its_answer_is_not_sent_to_the_llm()
    {
        await using var llm = await StubChatServer.StartAsync((context, request) => StubChatServer.PickAsync(context, request, "none"));
        await using var bot = Bot(llm);

        await bot.Send("fibra").AssertReply(bot.Policy.Clarification!.Prompt).AssertSuggestedActions(PlanosOffer)
            .Send("1").AssertReply(r => Assert.StartsWith("Nossos planos de fibra", r.Text, StringComparison.Ordinal));

        Assert.Single(llm.Requests);
        var trail = (await bot.ConversationAsync()).Dialog.Trail;
        Assert.Equal(new LlmRerank(LlmOutcome.None), trail[^2].Llm);
        Assert.Null(trail[^1].Llm);
    }

    [Theory]
    [InlineData("status 500")]
    [InlineData("prose instead of JSON")]
    [InlineData("an intent it was not offered")]
    [InlineData("a body that is not a chat completion")]
    public async Task A_failing_llm_leaves_the_turn_as_today_after_one_attempt(string failure)
    {
        await using var llm = await StubChatServer.StartAsync((context, request) => failure switch
        {
            "status 500" => StubChatServer.JsonAsync(context, """{"error":{"message":"model crashed","type":"server_error"}}""", StatusCodes.Status500InternalServerError),
            "prose instead of JSON" => StubChatServer.CompletionAsync(context, request, "I think the customer wants plans."),
            "an intent it was not offered" => StubChatServer.PickAsync(context, request, "segunda_via"),
            _ => StubChatServer.JsonAsync(context, "<html>bad gateway</html>"),
        });
        await using var bot = Bot(llm);

        await bot.Send("fibra").AssertReply(bot.Policy.Clarification!.Prompt).AssertSuggestedActions(PlanosOffer).AssertNoReply();

        Assert.Single(llm.Requests);
        Assert.Equal(new LlmRerank(LlmOutcome.Failed), (await bot.ConversationAsync()).Dialog.Trail[^1].Llm);
    }

    [Fact]
    public async Task An_llm_slower_than_the_timeout_is_given_up_on_and_the_turn_goes_on_as_today()
    {
        await using var llm = await StubChatServer.StartAsync((context, request) => StubChatServer.SlowAsync(context, request, TimeSpan.FromSeconds(30)));
        await using var bot = Bot(llm, timeoutSeconds: 1);
        var watch = Stopwatch.StartNew();

        await bot.Send("fibra").AssertReply(bot.Policy.Clarification!.Prompt).AssertSuggestedActions(PlanosOffer).AssertNoReply();

        // Not a latency figure (the machine is shared): only that the bot did not wait for the 30-second answer.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"The turn took {watch.Elapsed}.");
        Assert.Single(llm.Requests);
        Assert.Equal(new LlmRerank(LlmOutcome.Failed), (await bot.ConversationAsync()).Dialog.Trail[^1].Llm);
    }

    [Fact]
    public async Task Asking_for_a_person_hands_off_at_once_without_the_llm()
    {
        await using var llm = await StubChatServer.StartAsync((context, request) => StubChatServer.PickAsync(context, request, "planos"));
        await using var bot = Bot(llm);

        await bot.Send("quero falar com um atendente").AssertReply(r => Assert.Contains("protocolo é 1", r.Text, StringComparison.Ordinal))
            .AssertEvent("handoff.initiate", e => Assert.Equal(HandoffReasons.ExplicitRequest, (string?)e.Value!["reason"]));

        Assert.Empty(llm.Requests);
    }

    [Fact]
    public async Task An_answer_to_a_dialogs_question_goes_to_the_dialog_not_to_the_llm()
    {
        await using var llm = await StubChatServer.StartAsync((context, request) => StubChatServer.PickAsync(context, request, "planos"));
        await using var bot = Bot(llm);

        await bot.Send("quero a segunda via").AssertReply(r => Assert.Contains("CPF do titular", r.Text, StringComparison.Ordinal))
            .Send("fibra").AssertReply("Esse CPF não parece válido. Confira e digite os 11 números, por favor.").AssertNoReply();

        Assert.Empty(llm.Requests);
    }

    [Fact]
    public async Task A_failure_is_logged_as_a_warning_with_the_model_and_its_kind_but_not_the_message_or_the_key()
    {
        await using var llm = await StubChatServer.StartAsync((context, _) =>
            StubChatServer.JsonAsync(context, """{"error":{"message":"echo: fibra"}}""", StatusCodes.Status503ServiceUnavailable));
        var logs = new RecordingLogs();
        await using var bot = Bot(llm, logs: logs);

        await bot.Send("fibra").AssertReply(bot.Policy.Clarification!.Prompt);

        var warning = Assert.Single(logs.Entries, e => e.EventId.Id == 4501);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains(Model, warning.Message, StringComparison.Ordinal);
        Assert.Contains("status 503", warning.Message, StringComparison.Ordinal);
        Assert.All(logs.Entries, e => Assert.DoesNotContain("fibra", e.Message, StringComparison.OrdinalIgnoreCase));
        Assert.All(logs.Entries, e => Assert.DoesNotContain(ApiKey, e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Calls_are_counted_by_outcome()
    {
        await using var llm = await StubChatServer.StartAsync((context, request) =>
            (string?)request.Payload["message"] == "fibra" ? StubChatServer.PickAsync(context, request, "none") : StubChatServer.PickAsync(context, request, "cancelamento"));
        await using var bot = Bot(llm);
        using var counted = new OutcomeCounter();

        await bot.Send("fibra").AssertReply(bot.Policy.Clarification!.Prompt).Send("multa").AssertReply(r => Assert.StartsWith("Entendi que você quer cancelar.", r.Text, StringComparison.Ordinal));

        Assert.Equal(["none", "picked"], counted.Outcomes);
    }

    private static ConversationHarness Bot(StubChatServer llm, double timeoutSeconds = 10, RecordingLogs? logs = null) =>
        new(settings: Settings(llm, timeoutSeconds), logs: logs);

    private static Dictionary<string, string?> Settings(StubChatServer llm, double timeoutSeconds = 10) => new()
    {
        [$"{LlmRerankOptions.Section}:Enabled"] = "true",
        [$"{LlmRerankOptions.Section}:Endpoint"] = llm.Endpoint,
        [$"{LlmRerankOptions.Section}:Model"] = Model,
        [$"{LlmRerankOptions.Section}:ApiKey"] = ApiKey,
        [$"{LlmRerankOptions.Section}:TimeoutSeconds"] = timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>The outcome tags of <c>atendimento.bot.llm.reranks</c>, in order; only these tests turn the stage on.</summary>
    private sealed class OutcomeCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly List<string> _outcomes = [];

        public OutcomeCounter()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument == BotTelemetry.LlmReranks)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
            {
                lock (_outcomes)
                {
                    _outcomes.Add((string)tags.ToArray().Single(t => t.Key == "outcome").Value!);
                }
            });
            _listener.Start();
        }

        public IReadOnlyList<string> Outcomes
        {
            get
            {
                lock (_outcomes)
                {
                    return [.. _outcomes];
                }
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
