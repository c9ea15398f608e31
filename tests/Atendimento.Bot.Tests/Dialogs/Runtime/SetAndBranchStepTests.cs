using Atendimento.Bot.Tests.Harness;

namespace Atendimento.Bot.Tests.Dialogs.Runtime;

/// <summary>set and branch steps in a running conversation: values assigned from collected ones, and each way of each condition.</summary>
public sealed class SetAndBranchStepTests : IAsyncDisposable
{
    private const string Plano = """
        intent: plano
        title: Plano
        examples: [quero mudar de plano]
        steps:
          - choice: velocidade
            prompt: "Qual velocidade?"
            options:
              - title: "300 Mega"
              - title: "1 Giga"
          - set: resumo
            value: "Plano {velocidade}"
          - branch: velocidade
            equals: "1 giga"
            then:
              - say: "{resumo}: inclui Wi-Fi 6."
            else:
              - say: "{resumo}: Wi-Fi 5."
          - ask: cep
            prompt: "Seu CEP?"
            validator: digits
          - branch: cep
            matches: "^0[0-9]{7}$"
            then:
              - say: "Atendemos São Paulo."
            else:
              - branch: cep
                in: ["20000000", "20000001"]
                then:
                  - say: "Atendemos o Rio."
                else:
                  - say: "Vamos verificar a cobertura."
          - say: "Fim, {resumo}."
        """;

    private readonly DialogFolder _folder = new DialogFolder().Write("intents/plano.yaml", Plano);
    private readonly ConversationHarness _bot;

    public SetAndBranchStepTests() => _bot = new ConversationHarness(dialogs: _folder.Root);

    public async ValueTask DisposeAsync()
    {
        await _bot.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Equals_ignores_case_and_the_set_value_fills_later_texts_and_matches_takes_its_then() =>
        await _bot.Send("quero mudar de plano").AssertReply("Qual velocidade?")
            .Send("1 Giga").AssertReply("Plano 1 Giga: inclui Wi-Fi 6.").AssertReply("Seu CEP?")
            .Send("01310-100").AssertReply("Atendemos São Paulo.").AssertReply("Fim, Plano 1 Giga.").AssertNoReply();

    [Fact]
    public async Task A_condition_that_fails_takes_else_and_in_matches_one_of_its_values() =>
        await _bot.Send("quero mudar de plano").AssertReply("Qual velocidade?")
            .Send("300 Mega").AssertReply("Plano 300 Mega: Wi-Fi 5.").AssertReply("Seu CEP?")
            .Send("20000001").AssertReply("Atendemos o Rio.").AssertReply("Fim, Plano 300 Mega.").AssertNoReply();

    [Fact]
    public async Task When_no_condition_holds_the_innermost_else_runs_and_the_dialog_goes_on_after_the_branch() =>
        await _bot.Send("quero mudar de plano").AssertReply(_ => { })
            .Send("2").AssertReply(_ => { }).AssertReply("Seu CEP?")
            .Send("30123456").AssertReply("Vamos verificar a cobertura.").AssertReply("Fim, Plano 1 Giga.").AssertNoReply();
}
