using Atendimento.Bot.Tests.Harness;
using Atendimento.Routing.Tickets;

namespace Atendimento.Bot.Tests.Conversations;

/// <summary>The spine after a handoff: the queue, the agent taking over, the resolve, and repeated deliveries.</summary>
public sealed class HumanTakeoverPathsTests : IAsyncDisposable
{
    private const string CpfPrompt = "Para localizar sua fatura, me informe o CPF do titular (só os números).";

    private readonly ConversationHarness _bot = new();

    public ValueTask DisposeAsync() => _bot.DisposeAsync();

    [Fact]
    public async Task While_the_ticket_waits_in_its_queue_the_bot_is_silent_and_messages_go_to_the_ticket()
    {
        await HandedOff()
            .Send("alô? tem alguém aí?").AssertNoReply()
            .Send("quero a segunda via").AssertNoReply();

        var messages = await _bot.TicketMessagesAsync();
        Assert.Equal(["alô? tem alguém aí?", "quero a segunda via"], messages.TakeLast(2).Select(m => m.Text));
        Assert.All(messages.TakeLast(2), m => Assert.Equal(MessageAuthor.Customer, m.Author));
        Assert.Equal(TicketStatus.Open, (await _bot.TicketAsync()).Status);
    }

    [Fact]
    public async Task An_agent_accepting_is_announced_to_the_customer_with_an_accepted_status_event()
    {
        await HandedOff()
            .AgentAccepts(ConversationHarness.Ana)
            .AssertReply(reply =>
            {
                Assert.Equal("Ana entrou na conversa e vai continuar seu atendimento.", reply.Text);
                Assert.Equal(_bot.Address.Bot, reply.From);
            })
            .AssertEvent("handoff.status", e => Assert.Equal("accepted", (string?)e.Value!["state"]))
            .AssertNoReply();

        var ticket = await _bot.TicketAsync();
        Assert.Equal((TicketStatus.InProgress, "ana"), (ticket.Status, ticket.AssigneeId));
    }

    [Fact]
    public async Task An_agent_reply_reaches_the_customer_from_the_agent_account()
    {
        await HandedOff().AgentAccepts(ConversationHarness.Ana).AssertReply(_ => { }).AssertEvent("handoff.status")
            .AgentReplies(ConversationHarness.Ana, "Oi Maria, vou reenviar seu boleto.")
            .AssertReply(reply =>
            {
                Assert.Equal("Oi Maria, vou reenviar seu boleto.", reply.Text);
                Assert.Equal(("agent:ana", "Ana Souza"), (reply.From!.Id, reply.From.Name));
                Assert.Equal(_bot.Address.User, reply.Recipient);
                Assert.Equal(_bot.Address.ConversationId, reply.Conversation!.Id);
            })
            .AssertNoReply();

        var last = (await _bot.TicketMessagesAsync())[^1];
        Assert.Equal((MessageAuthor.Agent, "ana"), (last.Author, last.AuthorId));
    }

    [Fact]
    public async Task While_an_agent_holds_the_conversation_customer_messages_go_to_the_ticket_not_the_bot()
    {
        await HandedOff().AgentAccepts(ConversationHarness.Ana).AssertReply(_ => { }).AssertEvent("handoff.status")
            .Send("obrigada, fico no aguardo").AssertNoReply();

        var last = (await _bot.TicketMessagesAsync())[^1];
        Assert.Equal((MessageAuthor.Customer, "obrigada, fico no aguardo"), (last.Author, last.Text));
    }

    [Fact]
    public async Task After_the_agent_resolves_the_bot_answers_the_next_message_again()
    {
        await HandedOff().AgentAccepts(ConversationHarness.Ana).AssertReply(_ => { }).AssertEvent("handoff.status")
            .AgentResolves(ConversationHarness.Ana)
            .AssertReply("Seu atendimento (protocolo 1) foi encerrado. Se precisar de algo mais, é só escrever.")
            .AssertEvent("handoff.status", e => Assert.Equal("completed", (string?)e.Value!["state"]))
            .Send("quero a segunda via").AssertReply(CpfPrompt).AssertNoReply();

        Assert.Equal(TicketStatus.Resolved, (await _bot.TicketAsync()).Status);
        Assert.Null((await _bot.ConversationAsync()).ActiveTicketId);
    }

    [Fact]
    public async Task A_new_handoff_after_a_resolve_opens_a_new_ticket()
    {
        await HandedOff().AgentAccepts(ConversationHarness.Ana).AgentResolves(ConversationHarness.Ana)
            .Send("quero falar com um atendente");

        var ticket = await _bot.TicketAsync();
        Assert.Equal((2L, TicketStatus.Open), (ticket.Id.Value, ticket.Status));
    }

    [Fact]
    public async Task A_repeated_activity_id_is_answered_once() =>
        await _bot.Send("quero a segunda via", "wamid-1").AssertReply(CpfPrompt)
            .Send("quero a segunda via", "wamid-1").AssertNoReply()
            .Send("52998224725", "wamid-2").AssertReply(reply => Assert.Contains("52998224725", reply.Text, StringComparison.Ordinal));

    [Fact]
    public async Task A_repeated_activity_id_lands_in_the_ticket_once()
    {
        await HandedOff()
            .Send("alguém aí?", "wamid-9")
            .Send("alguém aí?", "wamid-9").AssertNoReply();

        Assert.Single(await _bot.TicketMessagesAsync(), m => m.Text == "alguém aí?");
        Assert.Single((await _bot.ConversationAsync()).Transcript, e => e.Text == "alguém aí?");
    }

    private ConversationHarness HandedOff() =>
        _bot.Send("quero falar com um atendente").AssertReply(reply => Assert.Contains("protocolo é 1", reply.Text, StringComparison.Ordinal))
            .AssertEvent("handoff.initiate");
}
