using System.Text.Json.Nodes;
using Atendimento.Bot.Tests.Harness;
using Atendimento.Handoff;
using Microsoft.AspNetCore.Http;

namespace Atendimento.Bot.Tests.Dialogs.Http;

/// <summary>http steps against a real loopback backend: mapping, retries of transient failures, timeouts and onError.</summary>
public sealed class HttpStepTests : IDisposable
{
    private const string Fatura = """
        intent: fatura
        title: Fatura
        examples: [ver minha fatura]
        steps:
          - ask: cpf
            prompt: "CPF?"
            validator: cpf
          - http: financeiro
            method: POST
            path: /clientes/{cpf}/fatura
            body:
              cpf: "{cpf}"
              canal: chat
              tentativas: 1
            timeoutSeconds: 0.5
            retries: 2
            map:
              valor: fatura.valor
              vencimento: fatura.vencimento
              produto: itens.0.nome
            onError:
              - say: "Não consegui consultar agora."
              - handoff:
                  reason: bot_error
                  level: N1
                  queue: financeiro
          - say: "Sua fatura de {produto} é R$ {valor}, vence em {vencimento}."
        """;

    private const string Segunda = """
        intent: segunda
        title: Segunda via
        examples: [emitir segunda via]
        steps:
          - http: financeiro
            path: /segunda-via
            retries: 1
          - say: "Enviada."
        """;

    private const string Answer = """{"fatura":{"valor":129.9,"vencimento":"2026-12-10"},"itens":[{"nome":"Fibra 600"}]}""";
    private const string Cpf = "529.982.247-25";
    private const string Success = "Sua fatura de Fibra 600 é R$ 129.9, vence em 2026-12-10.";

    private readonly DialogFolder _folder = new DialogFolder().Write("intents/fatura.yaml", Fatura).Write("intents/segunda.yaml", Segunda);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_successful_call_sends_the_filled_path_and_body_and_maps_response_fields_into_variables()
    {
        await using var backend = await StubBackend.StartAsync((context, _) => StubBackend.Json(context, Answer));
        await using var bot = Bot(backend);

        await bot.Send("ver minha fatura").AssertReply("CPF?").Send(Cpf).AssertReply(Success).AssertNoReply();

        var request = Assert.Single(backend.Requests);
        Assert.Equal(("POST", "/clientes/52998224725/fatura"), (request.Method, request.Path));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"cpf":"52998224725","canal":"chat","tentativas":1}"""), JsonNode.Parse(request.Body)), request.Body);
        Assert.Equal("129.9", (await bot.ConversationAsync()).Dialog.Values["valor"]);
    }

    [Fact]
    public async Task Server_errors_are_retried_with_backoff_until_the_call_succeeds()
    {
        await using var backend = await StubBackend.StartAsync((context, attempt) =>
            attempt < 3 ? StubBackend.Json(context, "{}", StatusCodes.Status503ServiceUnavailable) : StubBackend.Json(context, Answer));
        await using var bot = Bot(backend);

        await bot.Send("ver minha fatura").AssertReply("CPF?").Send(Cpf).AssertReply(Success).AssertNoReply();

        Assert.Equal(3, backend.Requests.Count);
    }

    [Fact]
    public async Task An_attempt_that_times_out_is_retried()
    {
        await using var backend = await StubBackend.StartAsync((context, attempt) => attempt == 1 ? StubBackend.Hang(context) : StubBackend.Json(context, Answer));
        await using var bot = Bot(backend);

        await bot.Send("ver minha fatura").AssertReply("CPF?").Send(Cpf).AssertReply(Success).AssertNoReply();

        Assert.Equal(2, backend.Requests.Count);
    }

    [Fact]
    public async Task When_every_attempt_times_out_the_on_error_steps_run()
    {
        await using var backend = await StubBackend.StartAsync((context, _) => StubBackend.Hang(context));
        await using var bot = Bot(backend);

        await bot.Send("ver minha fatura").AssertReply("CPF?").Send(Cpf)
            .AssertReply("Não consegui consultar agora.").AssertReply(_ => { })
            .AssertEvent("handoff.initiate", e => Assert.Equal(HandoffReasons.BotError, (string?)e.Value!["reason"])).AssertNoReply();

        Assert.Equal(3, backend.Requests.Count);
    }

    [Fact]
    public async Task A_permanent_failure_is_not_retried_and_runs_the_on_error_steps()
    {
        await using var backend = await StubBackend.StartAsync((context, _) => StubBackend.Json(context, "{}", StatusCodes.Status404NotFound));
        await using var bot = Bot(backend);

        await bot.Send("ver minha fatura").AssertReply("CPF?").Send(Cpf).AssertReply("Não consegui consultar agora.");

        Assert.Single(backend.Requests);
        Assert.Equal("financeiro", (await bot.TicketAsync()).Queue);
    }

    [Fact]
    public async Task A_response_without_a_mapped_field_runs_the_on_error_steps()
    {
        await using var backend = await StubBackend.StartAsync((context, _) => StubBackend.Json(context, """{"fatura":{"valor":10}}"""));
        await using var bot = Bot(backend);

        await bot.Send("ver minha fatura").AssertReply("CPF?").Send(Cpf).AssertReply("Não consegui consultar agora.");
    }

    [Fact]
    public async Task Without_on_error_a_failed_call_apologises_and_hands_off_as_bot_error()
    {
        await using var backend = await StubBackend.StartAsync((context, _) => StubBackend.Json(context, "{}", StatusCodes.Status500InternalServerError));
        await using var bot = Bot(backend);

        await bot.Send("emitir segunda via").AssertReply(bot.Policy.Messages.BotError).AssertReply(_ => { })
            .AssertEvent("handoff.initiate", e => Assert.Equal(HandoffReasons.BotError, (string?)e.Value!["reason"])).AssertNoReply();

        Assert.Equal(2, backend.Requests.Count);
        Assert.Equal(HandoffReasons.BotError, (await bot.TicketAsync()).ReasonCode);
    }

    [Fact]
    public async Task A_backend_missing_from_configuration_is_a_failed_call()
    {
        await using var bot = new ConversationHarness(dialogs: _folder.Root);

        await bot.Send("ver minha fatura").AssertReply("CPF?").Send(Cpf).AssertReply("Não consegui consultar agora.");
    }

    private ConversationHarness Bot(StubBackend backend) => new(dialogs: _folder.Root, settings: new Dictionary<string, string?>
    {
        ["Dialogs:Backends:financeiro:BaseUrl"] = backend.BaseUrl,
        ["Dialogs:Backends:financeiro:RetryDelay"] = "00:00:00.010",
    });
}
