using System.Text.Json.Nodes;
using Atendimento.Bot.Activities;
using Atendimento.Bot.Channels.WhatsApp;

namespace Atendimento.Bot.Tests.Channels.WhatsApp;

/// <summary>Activities → Graph API message bodies, within the limits of specs §5.</summary>
public sealed class OutboundPayloadsTests
{
    private const string To = "5511999990000";

    [Fact]
    public void A_text_message_is_a_text_body_to_the_customer()
    {
        var payload = Assert.Single(OutboundPayloads.For(Message("Olá! Eu sou a Lia."), To));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "5511999990000", "type": "text",
             "text": {"preview_url": false, "body": "Olá! Eu sou a Lia."}}
            """), payload));
    }

    [Fact]
    public void Text_over_4096_characters_is_split_into_several_messages_in_order()
    {
        var text = new string('a', 4096) + new string('b', 4096) + "c";
        var bodies = OutboundPayloads.For(Message(text), To).Select(p => p["text"]!["body"]!.GetValue<string>()).ToList();
        Assert.Equal([new string('a', 4096), new string('b', 4096), "c"], bodies);
    }

    [Fact]
    public void A_split_never_cuts_an_emoji_in_half()
    {
        var text = new string('a', 4095) + "👍" + "fim";
        var chunks = OutboundPayloads.Split(text);
        Assert.Equal([new string('a', 4095), "👍fim"], chunks);
    }

    [Fact]
    public void Up_to_three_short_choices_are_reply_buttons_whose_ids_carry_the_value()
    {
        var payload = Assert.Single(OutboundPayloads.For(Message("Quer contratar?", "Sim", "Não", "Falar com atendente"), To));
        Assert.Equal("interactive", payload["type"]!.GetValue<string>());
        var interactive = payload["interactive"]!;
        Assert.Equal("button", interactive["type"]!.GetValue<string>());
        Assert.Equal("Quer contratar?", interactive["body"]!["text"]!.GetValue<string>());
        var buttons = interactive["action"]!["buttons"]!.AsArray();
        Assert.Equal(["Sim", "Não", "Falar com atendente"], buttons.Select(b => b!["reply"]!["title"]!.GetValue<string>()));
        Assert.Equal("imBack:Sim", buttons[0]!["reply"]!["id"]!.GetValue<string>());
        Assert.All(buttons, b => Assert.Equal("reply", b!["type"]!.GetValue<string>()));
    }

    [Fact]
    public void Four_choices_or_a_title_over_20_characters_make_a_list_with_rows_of_at_most_24()
    {
        var longTitle = "Segunda via de boleto vencido";
        var payload = Assert.Single(OutboundPayloads.For(Message("Qual destes?", "Internet lenta", longTitle), To));
        var interactive = payload["interactive"]!;
        Assert.Equal("list", interactive["type"]!.GetValue<string>());
        var rows = interactive["action"]!["sections"]![0]!["rows"]!.AsArray();
        Assert.Equal("Internet lenta", rows[0]!["title"]!.GetValue<string>());
        Assert.True(rows[1]!["title"]!.GetValue<string>().Length <= OutboundPayloads.MaxRowTitle);
        Assert.Equal(longTitle, rows[1]!["description"]!.GetValue<string>());
        Assert.Equal("imBack:" + longTitle, rows[1]!["id"]!.GetValue<string>());
        Assert.True(interactive["action"]!["button"]!.GetValue<string>().Length <= 20);

        var four = OutboundPayloads.For(Message("Escolha", "um", "dois", "três", "quatro"), To);
        Assert.Equal("list", Assert.Single(four)["interactive"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void More_than_ten_choices_become_a_numbered_text()
    {
        var choices = Enumerable.Range(1, 11).Select(i => $"opção {i}").ToArray();
        var payload = Assert.Single(OutboundPayloads.For(Message("Escolha:", choices), To));
        Assert.Equal("text", payload["type"]!.GetValue<string>());
        Assert.EndsWith("11. opção 11", payload["text"]!["body"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_question_with_choices_is_sent_as_text_then_the_choices()
    {
        var payloads = OutboundPayloads.For(Message(new string('x', 1500), "Sim", "Não"), To);
        Assert.Equal(["text", "interactive"], payloads.Select(p => p["type"]!.GetValue<string>()));
        Assert.Equal("Escolha uma opção:", payloads[1]["interactive"]!["body"]!["text"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(ActivityTypes.Event)]
    [InlineData(ActivityTypes.Typing)]
    [InlineData(ActivityTypes.EndOfConversation)]
    public void Events_and_other_activity_types_are_not_sent(string type)
    {
        Assert.Empty(OutboundPayloads.For(new Activity { Type = type, Name = "handoff.initiate", Text = "x" }, To));
    }

    [Fact]
    public void A_message_without_text_or_choices_sends_nothing()
    {
        Assert.Empty(OutboundPayloads.For(Message(""), To));
    }

    private static Activity Message(string text, params string[] choices) => new()
    {
        Type = ActivityTypes.Message,
        Text = text,
        SuggestedActions = choices.Length == 0 ? null : new SuggestedActions([.. choices.Select(c => new CardAction("imBack", c, JsonValue.Create(c)))]),
    };
}
