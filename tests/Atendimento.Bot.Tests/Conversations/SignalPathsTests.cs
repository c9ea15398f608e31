using Atendimento.Bot.Tests.Harness;
using Atendimento.Handoff;
using Atendimento.Routing.Tickets;

namespace Atendimento.Bot.Tests.Conversations;

/// <summary>Handoffs the dialogs never get a say in: an angry customer, and one writing in English or Spanish.</summary>
public sealed class SignalPathsTests : IAsyncDisposable
{
    private const string CpfPrompt = "Para localizar sua fatura, me informe o CPF do titular (só os números).";

    private readonly ConversationHarness _bot = new();

    public ValueTask DisposeAsync() => _bot.DisposeAsync();

    [Fact]
    public async Task An_insult_hands_off_at_once_as_negative_sentiment_after_an_apology()
    {
        await _bot.Send("vocês são uns ladrões").AssertReply(_bot.Policy.Sentiment!.Apology)
            .AssertReply(reply => Assert.StartsWith("Certo! Vou transferir você", reply.Text, StringComparison.Ordinal))
            .AssertEvent("handoff.initiate", e => Assert.Equal(HandoffReasons.NegativeSentiment, (string?)e.Value!["reason"])).AssertNoReply();

        var ticket = await _bot.TicketAsync();
        Assert.Equal((HandoffReasons.NegativeSentiment, SupportLevel.N1, "atendimento-geral"), (ticket.ReasonCode, ticket.Level, ticket.Queue));
        Assert.Equal(["retencao"], ticket.Skills);
    }

    [Fact]
    public async Task One_frustrated_message_is_still_answered_and_the_second_hands_off() =>
        await _bot.Send("que absurdo, quero a segunda via").AssertReply(CpfPrompt)
            .Send("NINGUÉM RESOLVE NADA NESSA EMPRESA").AssertReply(_bot.Policy.Sentiment!.Apology)
            .AssertReply(reply => Assert.StartsWith("Certo! Vou transferir você", reply.Text, StringComparison.Ordinal))
            .AssertEvent("handoff.initiate", e => Assert.Equal(HandoffReasons.NegativeSentiment, (string?)e.Value!["reason"]));

    [Fact]
    public async Task A_frustrated_cancellation_keeps_the_critical_intent_reason_and_level()
    {
        await _bot.Send("quero cancelar essa porcaria, que absurdo!!!")
            .AssertReply(_ => { })
            .AssertReply(reply => Assert.StartsWith("Certo! Vou transferir você", reply.Text, StringComparison.Ordinal))
            .AssertEvent("handoff.initiate");

        var ticket = await _bot.TicketAsync();
        Assert.Equal((HandoffReasons.CriticalIntent, SupportLevel.N2), (ticket.ReasonCode, ticket.Level));
    }

    [Theory]
    [InlineData("Hello, I need help with my bill please", "ingles")]
    [InlineData("hola, necesito ayuda con mi factura", "espanhol")]
    public async Task A_message_in_another_language_hands_off_as_unsupported_language_to_someone_who_speaks_it(string text, string skill)
    {
        await _bot.Send(text).AssertReply(_bot.Policy.Language!.Reply)
            .AssertReply(reply => Assert.StartsWith("Certo! Vou transferir você", reply.Text, StringComparison.Ordinal))
            .AssertEvent("handoff.initiate", e => Assert.Equal(HandoffReasons.UnsupportedLanguage, (string?)e.Value!["reason"])).AssertNoReply();

        var ticket = await _bot.TicketAsync();
        Assert.Equal(HandoffReasons.UnsupportedLanguage, ticket.ReasonCode);
        Assert.Equal([skill], ticket.Skills);
    }
}
