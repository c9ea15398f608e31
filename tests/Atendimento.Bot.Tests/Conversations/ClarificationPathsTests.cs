using Atendimento.Bot.Dialogs;
using Atendimento.Bot.Recognition;
using Atendimento.Bot.Tests.Harness;
using Atendimento.Handoff;

namespace Atendimento.Bot.Tests.Conversations;

/// <summary>
/// "Você quis dizer…": the bot asks instead of guessing when unsure. With the shipped dialogs, the trained recognizer
/// gives "fibra" 0.75 for planos, between the clarification threshold (0.71) and the answer threshold (0.77).
/// </summary>
public sealed class ClarificationPathsTests : IAsyncDisposable
{
    private static readonly string[] PlanosOffer = ["Conhecer os planos", "Nenhuma dessas"];
    private static readonly string[] Menu = ["Segunda via de boleto", "Estou sem conexão", "Conhecer os planos", "Falar com um atendente"];

    private readonly ConversationHarness _bot = new();

    private ClarificationPolicy Clarification => _bot.Policy.Clarification!;

    public ValueTask DisposeAsync() => _bot.DisposeAsync();

    [Fact]
    public async Task An_unsure_message_offers_the_likely_subjects_and_a_pick_starts_that_dialog() =>
        await _bot.Send("fibra").AssertReply(Clarification.Prompt).AssertSuggestedActions(PlanosOffer)
            .Send("Conhecer os planos").AssertReply(r => Assert.StartsWith("Nossos planos de fibra", r.Text, StringComparison.Ordinal))
            .AssertReply("Quer contratar ou mudar de plano agora?").AssertNoReply();

    [Fact]
    public async Task The_offer_can_be_answered_by_number() =>
        await _bot.Send("fibra").AssertReply(Clarification.Prompt)
            .Send("1").AssertReply(r => Assert.StartsWith("Nossos planos de fibra", r.Text, StringComparison.Ordinal));

    [Fact]
    public async Task None_of_these_asks_to_rephrase_and_a_second_miss_hands_off_as_low_confidence()
    {
        await _bot.Send("fibra").AssertReply(Clarification.Prompt)
            .Send("nenhuma dessas").AssertReply(Clarification.Rephrase).AssertSuggestedActions(Menu)
            .Send("xpto qwzk").AssertReply(r => Assert.Contains("protocolo é 1", r.Text, StringComparison.Ordinal))
            .AssertEvent("handoff.initiate", e => Assert.Equal(HandoffReasons.LowConfidence, (string?)e.Value!["reason"]));

        var trail = (await _bot.TicketAsync()).Handoff.GetProperty("recognitionTrail").EnumerateArray().Select(s => s.GetProperty("text").GetString()).ToList();
        Assert.Equal(["fibra", "nenhuma dessas", "xpto qwzk"], trail);
    }

    [Theory]
    [InlineData("não")]
    [InlineData("nenhuma delas")]
    [InlineData("Nada disso")]
    public async Task A_plain_refusal_counts_as_none_of_these(string refusal) =>
        await _bot.Send("fibra").AssertReply(Clarification.Prompt)
            .Send(refusal).AssertReply(Clarification.Rephrase).AssertNoReply();

    [Fact]
    public async Task Asking_for_a_person_mid_dialog_interrupts_even_when_the_runner_up_is_close()
    {
        // "quero falar com atendente segunda via": falar_com_atendente first, segunda_via within the margin.
        await _bot.Send("quero a segunda via").AssertReply(r => Assert.Contains("CPF do titular", r.Text, StringComparison.Ordinal))
            .Send("quero falar com atendente segunda via").AssertReply(r => Assert.Contains("protocolo é 1", r.Text, StringComparison.Ordinal))
            .AssertEvent("handoff.initiate", e => Assert.Equal(HandoffReasons.ExplicitRequest, (string?)e.Value!["reason"]));
    }

    [Fact]
    public async Task A_new_clear_message_instead_of_a_pick_is_simply_answered() =>
        await _bot.Send("fibra").AssertReply(Clarification.Prompt)
            .Send("quero a segunda via da fatura").AssertReply(r => Assert.Contains("CPF do titular", r.Text, StringComparison.Ordinal)).AssertNoReply();

    [Fact]
    public async Task A_second_unsure_message_in_a_row_is_not_offered_again_but_counted_as_not_understood() =>
        await _bot.Send("fibra").AssertReply(Clarification.Prompt)
            .Send("fibra").AssertReply(_bot.Policy.NotUnderstood).AssertSuggestedActions(Menu).AssertNoReply();

    // Relative to the shipped policy, so re-tuned thresholds (dialogs tune) do not change what is tested.
    [Theory]
    [InlineData(0.03, 0.03, false)] // the two best within the 0.05 margin: ask
    [InlineData(0.03, 0.10, true)]
    [InlineData(-0.25, 0.45, false)] // below the answer threshold: ask or rephrase
    public void A_recognition_is_clear_only_above_the_answer_threshold_and_ahead_of_its_rival_by_the_margin(double aboveAnswerThreshold, double behindTop, bool clear)
    {
        Assert.Equal(0.05, _bot.Policy.Clarification!.Margin);
        var top = _bot.Policy.AnswerThreshold + aboveAnswerThreshold;
        var recognition = new RecognitionResult([new IntentScore("planos", top), new IntentScore("sem_conexao", top - behindTop)]);

        Assert.Equal(clear, Clarifier.IsClear(recognition, _bot.Policy));
    }
}
