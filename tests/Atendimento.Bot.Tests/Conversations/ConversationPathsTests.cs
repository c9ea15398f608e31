using System.Text.Json;
using Atendimento.Bot.Activities;
using Atendimento.Bot.Conversations;
using Atendimento.Bot.Dialogs;
using Atendimento.Bot.Tests.Harness;
using Atendimento.Handoff;
using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Tickets;

namespace Atendimento.Bot.Tests.Conversations;

/// <summary>Every path of the spine, driven through the real turn processor with the shipped dialogs.</summary>
public sealed class ConversationPathsTests : IAsyncDisposable
{
    private const string CpfPrompt = "Para localizar sua fatura, me informe o CPF do titular (só os números).";
    private const string CpfRetry = "Esse CPF não parece válido. Confira e digite os 11 números, por favor.";
    private const string BoletoQuestion = "Conseguiu pegar o boleto por lá?";
    private const string ConnectionQuestion = "Depois disso, sua internet voltou?";
    private static readonly string[] Menu = ["Segunda via de boleto", "Estou sem conexão", "Conhecer os planos", "Falar com um atendente"];

    private readonly ConversationHarness _bot = new();

    public ValueTask DisposeAsync() => _bot.DisposeAsync();

    [Fact]
    public async Task Joining_is_welcomed_with_the_greeting_then_the_menu_as_four_suggestions() =>
        await _bot.Join()
            .AssertReply(_bot.Policy.Greeting[0]).AssertSuggestedActions()
            .AssertReply(_bot.Policy.Menu.Prompt).AssertSuggestedActions(Menu)
            .AssertNoReply();

    [Fact]
    public async Task Joining_a_second_time_is_not_welcomed_again() =>
        await _bot.Join().AssertReply(_bot.Policy.Greeting[0]).AssertReply(_bot.Policy.Menu.Prompt)
            .Join().AssertNoReply();

    [Fact]
    public async Task The_bot_itself_joining_is_not_welcomed() =>
        await _bot.Receive(FromCustomer(ActivityTypes.ConversationUpdate) with { MembersAdded = [_bot.Address.Bot] }).AssertNoReply();

    [Fact]
    public async Task An_event_from_the_client_is_accepted_without_a_reply()
    {
        await _bot.Receive(FromCustomer(ActivityTypes.Event) with { Name = "webchat/join" }).AssertNoReply();

        Assert.False((await _bot.ConversationAsync()).Welcomed);
    }

    [Fact]
    public async Task Replies_go_from_the_bot_to_the_customer_in_reply_to_the_message() =>
        await _bot.Send("quero a segunda via", "msg-7").AssertReply(reply =>
        {
            Assert.Equal(CpfPrompt, reply.Text);
            Assert.Equal(_bot.Address.Bot, reply.From);
            Assert.Equal(_bot.Address.User, reply.Recipient);
            Assert.Equal("msg-7", reply.ReplyToId);
            Assert.Equal(_bot.Address.ConversationId, reply.Conversation!.Id);
            Assert.Equal("pt-BR", reply.Locale);
        });

    [Fact]
    public async Task Segunda_via_asks_again_for_an_invalid_cpf_then_fills_in_the_valid_one_and_offers_the_choice()
    {
        await SegundaViaUpToTheChoice();

        var conversation = await _bot.ConversationAsync();
        Assert.Equal("52998224725", conversation.Dialog.Values["cpf"]);
        Assert.True(conversation.Dialog.IsWaiting);
    }

    [Fact]
    public async Task Segunda_via_gives_up_after_three_invalid_cpfs_and_offers_the_menu() =>
        await _bot.Send("quero a segunda via").AssertReply(CpfPrompt)
            .Send("123").AssertReply(CpfRetry)
            .Send("456").AssertReply(CpfRetry)
            .Send("789").AssertReply(reply => Assert.StartsWith("Não consegui entender sua resposta", reply.Text, StringComparison.Ordinal))
            .AssertSuggestedActions(Menu).AssertNoReply();

    [Fact]
    public async Task Segunda_via_not_managed_hands_off_to_financeiro_at_N1_with_the_evidence()
    {
        await SegundaViaUpToTheChoice()
            .Send("Não consegui")
            .AssertReply("Sem problemas, um atendente do financeiro vai enviar o boleto por aqui.")
            .AssertReply(HandoffStarted(1))
            .AssertEvent("handoff.initiate").AssertNoReply();

        var ticket = await _bot.TicketAsync();
        Assert.Equal((TicketStatus.Open, "financeiro", HandoffReasons.DialogRule, SupportLevel.N1), (ticket.Status, ticket.Queue, ticket.ReasonCode, ticket.Level));
        Assert.Equal(["financeiro"], ticket.Skills);
        Assert.Equal((_bot.ConversationId, "test", "Maria Oliveira"), (ticket.ConversationRef, ticket.Channel, ticket.CustomerName));
        var record = ticket.Handoff.Deserialize<HandoffRecord>(HandoffJson.Options)!;
        Assert.Equal("52998224725", record.CollectedData["cpf"]);
        Assert.Equal("segunda_via", record.Intent);
        string[] customerSaid = ["quero a segunda via", "123", "529.982.247-25", "Não consegui"];
        Assert.Equal(customerSaid, record.RecognitionTrail.Select(step => step.Text));
        Assert.Equal("segunda_via", record.RecognitionTrail[0].Intent);
        Assert.Equal(customerSaid, record.Transcript.Where(e => e.Role == TranscriptRole.Customer).Select(e => e.Text));
        Assert.Contains(record.Transcript, e => e.Role == TranscriptRole.Bot && e.Text == BoletoQuestion);
        var messages = await _bot.TicketMessagesAsync();
        Assert.Equal(customerSaid, messages.Where(m => m.Author == MessageAuthor.Customer).Select(m => m.Text));
        Assert.Contains(messages, m => m.Author == MessageAuthor.Bot && m.Text == CpfPrompt);
    }

    [Fact]
    public async Task Sem_conexao_not_back_hands_off_to_suporte_tecnico_at_N2()
    {
        await _bot.Send("minha internet caiu")
            .AssertReply(reply => Assert.Contains("Desligue o modem da tomada", reply.Text, StringComparison.Ordinal))
            .AssertReply(ConnectionQuestion).AssertSuggestedActions("Sim, voltou", "Não voltou")
            .Send("Não voltou")
            .AssertReply("Entendi. Vou passar você para o suporte técnico, que consegue testar sua linha.")
            .AssertReply(HandoffStarted(1))
            .AssertEvent("handoff.initiate", e => Assert.Equal(("N2", "suporte-tecnico"), ((string?)e.Value!["level"], (string?)e.Value["queue"])));

        var ticket = await _bot.TicketAsync();
        Assert.Equal((SupportLevel.N2, "suporte-tecnico", HandoffReasons.DialogRule), (ticket.Level, ticket.Queue, ticket.ReasonCode));
        Assert.Equal(["internet"], ticket.Skills);
    }

    [Fact]
    public async Task Planos_just_looking_ends_the_dialog_with_the_menu_as_suggestions()
    {
        await _bot.Send("quais são os planos?")
            .AssertReply(reply => Assert.Contains("300 Mega", reply.Text, StringComparison.Ordinal))
            .AssertReply("Quer contratar ou mudar de plano agora?").AssertSuggestedActions("Sim, quero", "Só olhando")
            .Send("Só olhando")
            .AssertReply("Tudo bem! Os planos ficam em conectafibra.com.br/planos.").AssertSuggestedActions(Menu)
            .AssertNoReply();

        var conversation = await _bot.ConversationAsync();
        Assert.False(conversation.Dialog.IsWaiting);
        Assert.Null(conversation.ActiveTicketId);
    }

    [Fact]
    public async Task A_menu_suggestion_tapped_after_a_dialog_starts_its_dialog() =>
        await _bot.Send("quais são os planos?").AssertReply(_ => { }).AssertReply(_ => { })
            .Send("só olhando").AssertReply(_ => { }).AssertSuggestedActions(Menu)
            .Send(Menu[0]).AssertReply(CpfPrompt);

    [Fact]
    public async Task A_choice_can_be_answered_by_its_number()
    {
        await _bot.Send("estou sem conexão").AssertReply(_ => { }).AssertReply(ConnectionQuestion)
            .Send("2").AssertReply(reply => Assert.StartsWith("Entendi. Vou passar você para o suporte técnico", reply.Text, StringComparison.Ordinal));

        Assert.Equal(SupportLevel.N2, (await _bot.TicketAsync()).Level);
    }

    [Fact]
    public async Task Asking_for_a_person_hands_off_as_explicit_request_with_protocol_and_handoff_event()
    {
        await _bot.Join().AssertReply(_ => { }).AssertReply(_ => { })
            .Send("quero falar com um atendente")
            .AssertReply(HandoffStarted(1))
            .AssertEvent("handoff.initiate", e =>
            {
                Assert.Equal(1, e.Value!["ticketId"]!.GetValue<long>());
                Assert.Equal(HandoffReasons.ExplicitRequest, (string?)e.Value["reason"]);
                Assert.Equal(("N1", "atendimento-geral"), ((string?)e.Value["level"], (string?)e.Value["queue"]));
                Assert.Equal(_bot.Address.User, e.Recipient);
                var transcript = Assert.Single(e.Attachments!, a => a.Name == "Transcript");
                Assert.Equal("application/json", transcript.ContentType);
                var activities = transcript.Content!["activities"]!.AsArray();
                Assert.Contains(activities, a => (string?)a!["text"] == "quero falar com um atendente" && (string?)a["from"]!["id"] == "cliente-1");
                Assert.Contains(activities, a => (string?)a!["text"] == _bot.Policy.Menu.Prompt && (string?)a["from"]!["id"] == "bot");
            })
            .AssertNoReply();

        var ticket = await _bot.TicketAsync();
        Assert.Equal((1L, TicketStatus.Open, HandoffReasons.ExplicitRequest, "atendimento-geral"), (ticket.Id.Value, ticket.Status, ticket.ReasonCode, ticket.Queue));
    }

    [Fact]
    public async Task Asking_for_a_person_while_the_cpf_is_asked_interrupts_and_hands_off()
    {
        await _bot.Send("quero a segunda via").AssertReply(CpfPrompt)
            .Send("quero falar com uma pessoa")
            .AssertReply(HandoffStarted(1))
            .AssertEvent("handoff.initiate", e => Assert.Equal(HandoffReasons.ExplicitRequest, (string?)e.Value!["reason"]))
            .AssertNoReply();

        var record = (await _bot.TicketAsync()).Handoff.Deserialize<HandoffRecord>(HandoffJson.Options)!;
        Assert.Equal("falar_com_atendente", record.Intent);
    }

    [Fact]
    public async Task Two_messages_the_bot_cannot_place_hand_off_as_low_confidence()
    {
        await _bot.Send("xpto qwzk").AssertReply(_bot.Policy.NotUnderstood).AssertSuggestedActions(Menu)
            .Send("blorp zzzt").AssertReply(HandoffStarted(1))
            .AssertEvent("handoff.initiate", e => Assert.Equal(HandoffReasons.LowConfidence, (string?)e.Value!["reason"]))
            .AssertNoReply();

        var ticket = await _bot.TicketAsync();
        Assert.Equal((HandoffReasons.LowConfidence, SupportLevel.N1, "atendimento-geral"), (ticket.ReasonCode, ticket.Level, ticket.Queue));
    }

    [Fact]
    public async Task Out_of_business_hours_the_ticket_opens_and_the_customer_is_told_honestly_when_people_are_back()
    {
        _bot.Clock.Advance(TimeSpan.FromDays(6)); // from Monday 09:00 to Sunday 09:00 in São Paulo: closed
        var closed = _bot.Policy.Hours!.ClosedMessage.Replace("{ticket}", "1", StringComparison.Ordinal);

        await _bot.Send("quero falar com um atendente").AssertReply(closed)
            .AssertEvent("handoff.initiate").AssertNoReply();

        var ticket = await _bot.TicketAsync();
        Assert.Equal((TicketStatus.Open, HandoffReasons.ExplicitRequest), (ticket.Status, ticket.ReasonCode));
        Assert.True(ticket.Handoff.GetProperty("outOfHours").GetBoolean());
    }

    [Fact]
    public async Task In_business_hours_the_handoff_record_says_so()
    {
        await _bot.Send("quero falar com um atendente").AssertReply(HandoffStarted(1));

        Assert.False((await _bot.TicketAsync()).Handoff.GetProperty("outOfHours").GetBoolean());
    }

    [Fact]
    public async Task A_greeting_is_answered_with_the_menu_and_is_not_counted_as_a_failure()
    {
        await _bot.Send("xpto qwzk").AssertReply(_bot.Policy.NotUnderstood)
            .Send("oiii, bom dia").AssertReply(r => Assert.StartsWith("Oi! Em que posso ajudar?", r.Text, StringComparison.Ordinal)).AssertSuggestedActions(Menu)
            .Send("blorp zzzt").AssertReply(_bot.Policy.NotUnderstood).AssertNoReply();

        Assert.Null((await _bot.ConversationAsync()).ActiveTicketId);
    }

    [Fact]
    public async Task A_message_the_bot_understands_resets_the_count_of_failures()
    {
        await _bot.Send("xpto qwzk").AssertReply(_bot.Policy.NotUnderstood)
            .Send("quais são os planos?").AssertReply(_ => { }).AssertReply(_ => { })
            .Send("Só olhando").AssertReply(_ => { })
            .Send("blorp zzzt").AssertReply(_bot.Policy.NotUnderstood).AssertNoReply();

        Assert.Null((await _bot.ConversationAsync()).ActiveTicketId);
    }

    [Fact]
    public async Task When_the_bot_fails_on_a_message_it_apologises_and_hands_off_as_bot_error()
    {
        // No shipped step can throw, so the failure is provoked by a stored dialog state the bot cannot read.
        await _bot.Conversations.SaveAsync(new ConversationState
        {
            TenantId = TenantId.Default,
            Id = _bot.ConversationId,
            Channel = "test",
            Address = _bot.Address,
            Dialog = new DialogState { Trail = null! },
        });

        await _bot.Send("quero a segunda via")
            .AssertReply(_bot.Policy.Messages.BotError)
            .AssertReply(HandoffStarted(1))
            .AssertEvent("handoff.initiate", e => Assert.Equal(HandoffReasons.BotError, (string?)e.Value!["reason"]))
            .AssertNoReply();

        Assert.Equal(HandoffReasons.BotError, (await _bot.TicketAsync()).ReasonCode);
    }

    private ConversationHarness SegundaViaUpToTheChoice() =>
        _bot.Send("quero a segunda via").AssertReply(CpfPrompt)
            .Send("123").AssertReply(CpfRetry).AssertSuggestedActions()
            .Send("529.982.247-25")
            .AssertReply(reply => Assert.Contains("Com o CPF 52998224725 você baixa a segunda via", reply.Text, StringComparison.Ordinal))
            .AssertSuggestedActions()
            .AssertReply(BoletoQuestion).AssertSuggestedActions("Sim, consegui", "Não consegui")
            .AssertNoReply();

    private Activity FromCustomer(string type) => new()
    {
        Type = type,
        Id = "cliente-evento-1",
        From = _bot.Address.User,
        Recipient = _bot.Address.Bot,
        Conversation = new ConversationAccount(_bot.Address.ConversationId),
    };

    private string HandoffStarted(long ticket) => _bot.Policy.Messages.HandoffStarted.Replace("{ticket}", ticket.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
}
