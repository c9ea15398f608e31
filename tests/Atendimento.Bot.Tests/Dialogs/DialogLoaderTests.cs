using Atendimento.Bot.Dialogs;
using Atendimento.Bot.Tests.Harness;

namespace Atendimento.Bot.Tests.Dialogs;

public sealed class DialogLoaderTests : IDisposable
{
    private readonly DialogFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void The_shipped_dialogs_load_without_errors()
    {
        var errors = new List<DialogError>();

        var definition = DialogLoader.TryLoad(RepositoryRoot.Dialogs, errors);

        Assert.Empty(errors);
        Assert.NotNull(definition);
        Assert.Equal(["cancelamento", "falar_com_atendente", "mudanca_endereco", "planos", "promessa_pagamento", "reclamacao_anatel", "saudacao", "segunda_via", "sem_conexao"], definition.Intents.Select(i => i.Name).Order(StringComparer.Ordinal));
        Assert.All(definition.Policy.Menu.Options, option => Assert.NotNull(definition.Find(option.Intent)));
    }

    [Fact]
    public void A_clarification_threshold_not_below_the_answer_threshold_is_reported_at_its_line()
    {
        var policy = DialogFolder.ValidPolicy + """

            clarification:
              threshold: 0.7
              prompt: "Você quis dizer:"
              noneOfThese: "Nenhuma dessas"
              rephrase: "Pode escrever de outro jeito?"
            """;
        _folder.Write(DialogLoader.PolicyFile, policy);

        var error = Assert.Single(_folder.Errors());

        Assert.StartsWith("the clarification threshold must be below answerThreshold (0.6)", error.Message, StringComparison.Ordinal);
        Assert.Equal(DialogFolder.LineOf(policy, "threshold: 0.7"), error.Line);
    }

    [Fact]
    public void The_starting_folder_of_these_tests_is_valid() => Assert.Empty(_folder.Errors());

    [Fact]
    public void An_unknown_step_type_is_reported_at_the_step() => AssertOneError(Steps("""
          - say: "Oi"
          - sya: "Oi de novo"
        """), "sya:", "unknown step: expected one of say, ask, choice, handoff");

    [Fact]
    public void An_ask_without_prompt_is_reported_at_the_ask() => AssertOneError(Steps("""
          - say: "Vamos lá"
          - ask: cpf
            validator: cpf
        """), "ask: cpf", "missing 'prompt'");

    [Fact]
    public void An_intent_defined_in_two_files_is_reported_at_the_second_definition()
    {
        var copy = """
            # Copiado de boleto.yaml por engano.
            title: Outro boleto
            intent: boleto
            examples: [fatura]
            steps:
              - say: "Oi"
            """;

        var error = AssertOneError(copy, "intent: boleto", "duplicate intent 'boleto'", file: "intents/copia.yaml");

        Assert.Contains(_folder.PathOf("intents/boleto.yaml"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_step_after_a_handoff_is_reported_as_unreachable() => AssertOneError(Steps("""
          - handoff:
              reason: explicit_request
              level: N1
              queue: geral
          - say: "Ninguém lê isto"
        """), "Ninguém lê isto", "unreachable step: it comes after a handoff");

    [Fact]
    public void A_step_after_a_handoff_inside_a_choice_branch_is_reported_as_unreachable() => AssertOneError(Steps("""
          - choice: resolveu
            prompt: "Voltou?"
            options:
              - title: "Não"
                then:
                  - handoff:
                      reason: dialog_rule
                      level: N2
                      queue: suporte
                  - say: "Tarde demais"
        """), "Tarde demais", "unreachable step");

    [Fact]
    public void A_say_placeholder_no_earlier_step_sets_is_reported_at_the_say() => AssertOneError(Steps("""
          - say: "Olá!"
          - say: "Seu protocolo é {protocolo}"
          - ask: protocolo
            prompt: "Qual o protocolo?"
        """), "{protocolo}", "unknown variable 'protocolo'");

    [Fact]
    public void An_unknown_validator_is_reported_at_the_validator() => AssertOneError(Steps("""
          - ask: documento
            prompt: "Seu CNPJ?"
            validator: cnpj
        """), "validator: cnpj", "unknown validator 'cnpj'");

    [Fact]
    public void An_unknown_handoff_reason_is_reported_at_the_reason() => AssertOneError(Steps("""
          - handoff:
              queue: geral
              level: N1
              reason: cliente_chato
        """), "reason: cliente_chato", "unknown handoff reason 'cliente_chato'");

    [Fact]
    public void An_unknown_level_is_reported_at_the_level() => AssertOneError(Steps("""
          - handoff:
              reason: dialog_rule
              level: N4
              queue: geral
        """), "level: N4", "unknown level 'N4'");

    [Fact]
    public void A_menu_option_naming_an_unknown_intent_is_reported_at_the_option()
    {
        var policy = DialogFolder.ValidPolicy.Replace("""
                - title: "Boleto"
                  intent: boleto
            """, """
                - title: "Boleto"
                  intent: boleto
                - title: "Cancelar"
                  intent: cancelamento
            """, StringComparison.Ordinal);

        AssertOneError(policy, "intent: cancelamento", "menu option 'Cancelar' names unknown intent 'cancelamento'", file: DialogLoader.PolicyFile);
    }

    [Fact]
    public void An_unknown_key_is_reported_at_the_key() => AssertOneError(Steps("""
          - ask: cpf
            prompt: "CPF?"
            retry_prompt: "De novo"
        """), "retry_prompt", "unknown key 'retry_prompt'");

    [Fact]
    public void Invalid_yaml_is_reported_at_the_broken_line() => AssertOneError("""
        intent: extra
        title: Extra
        examples: [extra]
        steps:
          - say: Atenção: texto com dois-pontos precisa de aspas
        """, "Atenção:", "not valid YAML");

    [Fact]
    public void Every_mistake_of_a_folder_is_reported_at_once()
    {
        var policy = DialogFolder.ValidPolicy + "\nsaudacao: \"Oi\"\n";
        var ask = Steps("""
              - ask: cpf
                prompt: "CPF?"
                validator: cnpj
            """);
        var handoff = Steps("""
              - say: "Oi {nome}"
              - handoff:
                  reason: dialog_rule
                  level: N9
                  queue: geral
            """).Replace("intent: extra", "intent: outra", StringComparison.Ordinal);
        _folder.Write(DialogLoader.PolicyFile, policy).Write("intents/extra.yaml", ask).Write("intents/outra.yaml", handoff);

        var errors = _folder.Errors();

        string[] expected =
        [
            $"{_folder.PathOf("intents/extra.yaml")}:{DialogFolder.LineOf(ask, "cnpj")}: unknown validator",
            $"{_folder.PathOf("intents/outra.yaml")}:{DialogFolder.LineOf(handoff, "{nome}")}: unknown variable",
            $"{_folder.PathOf("intents/outra.yaml")}:{DialogFolder.LineOf(handoff, "N9")}: unknown level",
            $"{_folder.PathOf(DialogLoader.PolicyFile)}:{DialogFolder.LineOf(policy, "saudacao")}: unknown key",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), errors.Select(Prefix).Order(StringComparer.Ordinal));
        var thrown = Assert.Throws<DialogValidationException>(() => DialogLoader.Load(_folder.Root));
        Assert.Equal(errors.Select(e => e.ToString()), thrown.Errors.Select(e => e.ToString()));
        Assert.All(errors, error => Assert.Contains(error.ToString(), thrown.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_folder_without_the_policy_file_is_reported()
    {
        File.Delete(_folder.PathOf(DialogLoader.PolicyFile));

        var error = Assert.Single(_folder.Errors());

        Assert.Equal($"{_folder.PathOf(DialogLoader.PolicyFile)}:1: the bot policy file is missing", error.ToString());
    }

    private static string Steps(string steps) => DialogFolder.Steps(steps);

    private DialogError AssertOneError(string yaml, string mistake, string message, string file = "intents/extra.yaml") =>
        _folder.AssertOneError(yaml, mistake, message, file);

    /// <summary>"file:line: " and the first words of the message, up to the quoted name.</summary>
    private static string Prefix(DialogError error) => $"{error.File}:{error.Line}: {error.Message.Split(['\'', ':'])[0].TrimEnd()}";
}
