using System.Text.Json;
using Atendimento.Bot.Tests.Harness;
using Atendimento.Handoff;
using Atendimento.Routing.Tickets;

namespace Atendimento.Bot.Tests.Conversations;

/// <summary>
/// The inactivity menu of the shipped bot.yaml: the bot asked, the customer went quiet. The menu comes after 5 and
/// after 10 minutes of silence, the close at 15; its answers continue, hand off (timeout_menu) or close.
/// </summary>
public sealed class InactivityPathsTests : IAsyncDisposable
{
    private const string CpfPrompt = "Para localizar sua fatura, me informe o CPF do titular (só os números).";
    private const string CpfRetry = "Esse CPF não parece válido. Confira e digite os 11 números, por favor.";
    private static readonly string[] MenuOptions = ["Continuar", "Falar com atendente", "Encerrar"];
    private static readonly string[] MainMenu = ["Segunda via de boleto", "Estou sem conexão", "Conhecer os planos", "Falar com um atendente"];

    private readonly ConversationHarness _bot = new();

    public ValueTask DisposeAsync() => _bot.DisposeAsync();

    private string Prompt => _bot.Policy.Inactivity!.Prompt;

    [Fact]
    public async Task Silence_shorter_than_five_minutes_after_a_question_gets_no_menu() =>
        await _bot.Send("quero a segunda via").AssertReply(CpfPrompt)
            .StaysSilentFor(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1)).AssertNoReply();

    [Fact]
    public async Task The_menu_comes_at_five_and_ten_minutes_and_the_conversation_closes_at_fifteen()
    {
        await _bot.Send("quero a segunda via").AssertReply(CpfPrompt)
            .StaysSilentFor(TimeSpan.FromMinutes(5)).AssertReply(Prompt).AssertSuggestedActions(MenuOptions).AssertNoReply()
            .StaysSilentFor(TimeSpan.FromMinutes(4)).AssertNoReply()
            .StaysSilentFor(TimeSpan.FromMinutes(1)).AssertReply(Prompt).AssertSuggestedActions(MenuOptions).AssertNoReply()
            .StaysSilentFor(TimeSpan.FromMinutes(5)).AssertReply(_bot.Policy.Inactivity!.Closed).AssertNoReply()
            .StaysSilentFor(TimeSpan.FromHours(1)).AssertNoReply();

        var conversation = await _bot.ConversationAsync();
        Assert.False(conversation.Dialog.AwaitsAnswer);
        Assert.Null(conversation.InactivityDueAt);
    }

    [Fact]
    public async Task Continuar_asks_the_unanswered_question_again_and_the_dialog_goes_on() =>
        await _bot.Send("quero a segunda via").AssertReply(CpfPrompt)
            .StaysSilentFor(TimeSpan.FromMinutes(5)).AssertReply(Prompt)
            .Send("1").AssertReply(CpfPrompt).AssertSuggestedActions().AssertNoReply()
            .Send("529.982.247-25").AssertReply(reply => Assert.Contains("Com o CPF 52998224725", reply.Text, StringComparison.Ordinal));

    [Fact]
    public async Task Atendente_hands_off_with_reason_timeout_menu_and_the_dialog_evidence()
    {
        await _bot.Send("quero a segunda via").AssertReply(CpfPrompt)
            .StaysSilentFor(TimeSpan.FromMinutes(5)).AssertReply(Prompt)
            .Send("2")
            .AssertReply(reply => Assert.StartsWith("Certo! Vou transferir você", reply.Text, StringComparison.Ordinal))
            .AssertEvent("handoff.initiate").AssertNoReply()
            .StaysSilentFor(TimeSpan.FromMinutes(30)).AssertNoReply();

        var ticket = await _bot.TicketAsync();
        Assert.Equal((HandoffReasons.TimeoutMenu, SupportLevel.N1, "atendimento-geral"), (ticket.ReasonCode, ticket.Level, ticket.Queue));
        var record = ticket.Handoff.Deserialize<HandoffRecord>(HandoffJson.Options)!;
        Assert.Equal("segunda_via", record.Intent);
        Assert.Equal(["quero a segunda via", "2"], record.RecognitionTrail.Select(step => step.Text));
    }

    [Fact]
    public async Task Encerrar_says_goodbye_offers_the_main_menu_and_stops_the_reminders()
    {
        await _bot.Send("quero a segunda via").AssertReply(CpfPrompt)
            .StaysSilentFor(TimeSpan.FromMinutes(5)).AssertReply(Prompt)
            .Send("encerrar").AssertReply(_bot.Policy.Inactivity!.Goodbye).AssertSuggestedActions(MainMenu)
            .StaysSilentFor(TimeSpan.FromMinutes(30)).AssertNoReply();

        Assert.False((await _bot.ConversationAsync()).Dialog.AwaitsAnswer);
    }

    [Fact]
    public async Task An_answer_to_the_question_instead_of_the_menu_just_goes_on() =>
        await _bot.Send("quero a segunda via").AssertReply(CpfPrompt)
            .StaysSilentFor(TimeSpan.FromMinutes(5)).AssertReply(Prompt)
            .Send("529.982.247-25").AssertReply(reply => Assert.Contains("Com o CPF 52998224725", reply.Text, StringComparison.Ordinal));

    [Fact]
    public async Task Every_answer_restarts_the_five_minutes() =>
        await _bot.Send("quero a segunda via").AssertReply(CpfPrompt)
            .StaysSilentFor(TimeSpan.FromMinutes(4))
            .Send("123").AssertReply(CpfRetry)
            .StaysSilentFor(TimeSpan.FromMinutes(4)).AssertNoReply()
            .StaysSilentFor(TimeSpan.FromMinutes(1)).AssertReply(Prompt).AssertNoReply();

    [Fact]
    public async Task An_unanswered_clarification_gets_the_menu_and_continuar_offers_the_candidates_again()
    {
        var clarification = _bot.Policy.Clarification!;
        await _bot.Send("fibra").AssertReply(clarification.Prompt)
            .StaysSilentFor(TimeSpan.FromMinutes(5)).AssertReply(Prompt)
            .Send("continuar").AssertReply(clarification.Prompt).AssertSuggestedActions("Conhecer os planos", clarification.NoneOfThese)
            .Send("Conhecer os planos").AssertReply(reply => Assert.StartsWith("Nossos planos de fibra", reply.Text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Silence_at_the_main_menu_is_not_a_pending_question() =>
        await _bot.Join().AssertReply(_ => { }).AssertReply(_bot.Policy.Menu.Prompt)
            .StaysSilentFor(TimeSpan.FromMinutes(20)).AssertNoReply();

    [Fact]
    public async Task A_customer_waiting_for_a_person_gets_no_menu() =>
        await _bot.Send("quero falar com um atendente")
            .AssertReply(reply => Assert.StartsWith("Certo! Vou transferir você", reply.Text, StringComparison.Ordinal))
            .AssertEvent("handoff.initiate")
            .StaysSilentFor(TimeSpan.FromMinutes(20)).AssertNoReply();
}
