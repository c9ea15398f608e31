using Atendimento.Bot.Recognition.Llm;
using Atendimento.Handoff;

namespace Atendimento.Bot.Tests.Recognition.Llm;

/// <summary>The model's answer is read strictly: a listed intent or "none" in one JSON object, a code fence at most.</summary>
public sealed class LlmAnswerTests
{
    private static readonly RerankCandidate[] Candidates =
    [
        new("planos", "Conhecer os planos", ["quais sao os planos"]),
        new("mudanca_endereco", "Mudança de endereço", ["quero mudar de endereco"]),
    ];

    [Theory]
    [InlineData("""{"intent": "mudanca_endereco"}""")]
    [InlineData("""  {"intent":" mudanca_endereco "}  """)]
    [InlineData("""{"intent": "Mudanca_Endereco", "why": "moving house"}""")]
    [InlineData("```json\n{\"intent\": \"mudanca_endereco\"}\n```")]
    [InlineData("```\n{\"intent\": \"mudanca_endereco\"}\n```")]
    [InlineData("```{\"intent\": \"mudanca_endereco\"}```")]
    public void A_listed_intent_is_a_pick_named_as_the_candidate_is(string content) =>
        Assert.Equal(RerankResult.Picked("mudanca_endereco"), LlmAnswer.Read(content, Candidates));

    [Theory]
    [InlineData("""{"intent": "none"}""")]
    [InlineData("""{"intent": "NONE"}""")]
    [InlineData("```json\n{\"intent\": \"none\"}\n```")]
    public void None_is_none(string content) =>
        Assert.Equal(RerankResult.None, LlmAnswer.Read(content, Candidates));

    [Theory]
    [InlineData("""{"intent": "segunda_via"}""", "unlisted intent")]
    [InlineData("""{"intent": ""}""", "unlisted intent")]
    [InlineData("planos", "unparsable answer")]
    [InlineData("The customer means planos.", "unparsable answer")]
    [InlineData("""Sure! {"intent": "planos"}""", "unparsable answer")]
    [InlineData("""["planos"]""", "unparsable answer")]
    [InlineData("""{"subject": "planos"}""", "unparsable answer")]
    [InlineData("""{"intent": 1}""", "unparsable answer")]
    [InlineData("""{"intent": null}""", "unparsable answer")]
    [InlineData("""{"intent": "planos"} {"intent": "none"}""", "unparsable answer")]
    [InlineData("```json\n{\"intent\": \"planos\"", "unparsable answer")]
    [InlineData("", "empty answer")]
    [InlineData("   ", "empty answer")]
    [InlineData(null, "empty answer")]
    public void Anything_else_is_a_failure_so_the_recognizer_stands(string? content, string failure) =>
        Assert.Equal(RerankResult.Failed(failure), LlmAnswer.Read(content, Candidates));

    [Fact]
    public void The_trail_keeps_the_outcome_and_the_pick_not_the_failure_text()
    {
        Assert.Equal(new LlmRerank(LlmOutcome.Picked, "planos"), RerankResult.Picked("planos").ToTrail());
        Assert.Equal(new LlmRerank(LlmOutcome.Failed), RerankResult.Failed("status 500").ToTrail());
    }
}
