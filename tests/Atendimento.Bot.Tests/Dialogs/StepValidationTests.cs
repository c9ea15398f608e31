using Atendimento.Bot.Dialogs;
using static Atendimento.Bot.Tests.Dialogs.DialogFolder;

namespace Atendimento.Bot.Tests.Dialogs;

/// <summary>Every mistake in the set, branch, http and dialog steps is reported as file:line: message, where it was written.</summary>
public sealed class StepValidationTests : IDisposable
{
    private readonly DialogFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Set_branch_http_and_dialog_steps_written_right_are_valid()
    {
        _folder.Write("intents/extra.yaml", Steps("""
              - ask: cep
                prompt: "CEP?"
                validator: digits
              - set: resumo
                value: "CEP {cep}"
              - http: enderecos
                method: POST
                path: /cep/{cep}
                body:
                  cep: "{cep}"
                  detalhe: [ "{resumo}" ]
                map:
                  cidade: endereco.cidade
                onError:
                  - say: "Falhou para {resumo}"
              - branch: cidade
                in: ["São Paulo", "Rio de Janeiro"]
                then:
                  - say: "Atendemos {cidade}"
                else:
                  - dialog: boleto
              - branch: cep
                matches: "^0"
                then:
                  - say: "Capital"
            """));

        Assert.Empty(_folder.Errors());
    }

    [Fact]
    public void A_set_without_value_is_reported_at_the_set() => _folder.AssertOneError(Steps("""
          - say: "Oi"
          - set: nome
        """), "set: nome", "missing 'value'");

    [Fact]
    public void A_set_value_using_an_unknown_variable_is_reported_at_the_value() => _folder.AssertOneError(Steps("""
          - set: nome
            value: "Cliente {cpf}"
        """), "value:", "unknown variable 'cpf'");

    [Fact]
    public void A_branch_on_a_variable_no_earlier_step_defines_is_reported_at_the_branch() => _folder.AssertOneError(Steps("""
          - say: "Oi"
          - branch: plano
            equals: "1 Giga"
            then:
              - say: "Rápido"
        """), "branch: plano", "unknown variable 'plano'");

    [Fact]
    public void A_variable_set_inside_a_branch_is_unknown_after_it() => _folder.AssertOneError(Steps("""
          - ask: cep
            prompt: "CEP?"
          - branch: cep
            equals: "01310100"
            then:
              - set: regiao
                value: "Paulista"
          - say: "Região {regiao}"
        """), "Região", "unknown variable 'regiao'");

    [Fact]
    public void A_branch_with_two_conditions_is_reported_at_the_branch() => _folder.AssertOneError(Steps("""
          - ask: cep
            prompt: "CEP?"
          - branch: cep
            equals: "1"
            matches: "^1"
            then:
              - say: "Um"
        """), "branch: cep", "a branch needs exactly one condition");

    [Fact]
    public void A_branch_with_an_invalid_pattern_is_reported_at_the_pattern() => _folder.AssertOneError(Steps("""
          - ask: cep
            prompt: "CEP?"
          - branch: cep
            matches: "([0-9]"
            then:
              - say: "Um"
        """), "matches:", "'matches' is not a valid regular expression");

    [Fact]
    public void A_branch_without_then_or_else_is_reported_at_the_branch() => _folder.AssertOneError(Steps("""
          - ask: cep
            prompt: "CEP?"
          - branch: cep
            equals: "1"
        """), "branch: cep", "a branch needs 'then' or 'else'");

    [Fact]
    public void A_step_after_a_choice_whose_every_option_hands_off_is_unreachable() => _folder.AssertOneError(Steps("""
          - choice: caminho
            prompt: "Qual?"
            options:
              - title: "A"
                then:
                  - handoff: { reason: dialog_rule, level: N1, queue: geral }
              - title: "B"
                then:
                  - handoff: { reason: dialog_rule, level: N2, queue: suporte }
          - say: "Ninguém chega aqui"
        """), "Ninguém chega aqui", "unreachable step: every branch of the step at line 5 hands off");

    [Fact]
    public void An_http_step_with_an_unknown_method_is_reported_at_the_method() => _folder.AssertOneError(Steps("""
          - http: financeiro
            method: FETCH
            path: /faturas
        """), "FETCH", "unknown method 'FETCH'");

    [Fact]
    public void An_http_path_without_a_leading_slash_is_reported_at_the_path() => _folder.AssertOneError(Steps("""
          - http: financeiro
            path: http://outro.example/faturas
        """), "path:", "'path' must start with /");

    [Fact]
    public void A_body_on_a_get_is_reported_at_the_body() => _folder.AssertOneError(Steps("""
          - http: financeiro
            path: /faturas
            body:
              x: "1"
        """), "x: \"1\"", "a GET call sends no body");

    [Fact]
    public void An_unknown_variable_in_an_http_body_is_reported_at_its_line() => _folder.AssertOneError(Steps("""
          - http: financeiro
            method: POST
            path: /faturas
            body:
              cliente: "{cpf}"
        """), "{cpf}", "unknown variable 'cpf'");

    [Fact]
    public void A_mapped_variable_is_unknown_in_on_error_which_runs_when_the_call_failed() => _folder.AssertOneError(Steps("""
          - http: financeiro
            path: /faturas
            map:
              valor: fatura.valor
            onError:
              - say: "Valor {valor}"
          - say: "Valor {valor}"
        """), "  - say: \"Valor {valor}\"", "unknown variable 'valor'");

    [Fact]
    public void A_dialog_step_naming_an_unknown_intent_is_reported_at_the_step() => _folder.AssertOneError(Steps("""
          - say: "Oi"
          - dialog: inexistente
        """), "dialog: inexistente", "unknown intent 'inexistente'");

    [Fact]
    public void Dialogs_that_start_each_other_are_reported()
    {
        _folder.Write("intents/boleto.yaml", ValidIntent + "\n  - dialog: extra\n");
        var extra = Steps("  - dialog: boleto\n");
        _folder.Write("intents/extra.yaml", extra);

        var errors = _folder.Errors();

        Assert.Equal(2, errors.Count);
        Assert.All(errors, error => Assert.Contains("would start each other forever", error.Message, StringComparison.Ordinal));
        Assert.Contains(errors, error => error.File == _folder.PathOf("intents/extra.yaml") && error.Line == LineOf(extra, "dialog: boleto"));
    }

    [Fact]
    public void Every_mistake_of_the_new_steps_is_reported_at_once()
    {
        var yaml = Steps("""
              - set: x
              - branch: ninguem
                equals: "1"
                then:
                  - say: "1"
              - http: financeiro
                method: FETCH
                path: faturas
              - dialog: nenhum
              - sya: "oi"
            """);
        _folder.Write("intents/extra.yaml", yaml);

        var lines = _folder.Errors().Select(error => error.Line).Order().ToList();

        Assert.Equal(new[] { "set: x", "branch: ninguem", "FETCH", "path: faturas", "dialog: nenhum", "sya:" }.Select(fragment => LineOf(yaml, fragment)).Order(), lines);
    }
}
