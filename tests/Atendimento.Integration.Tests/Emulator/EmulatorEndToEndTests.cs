using System.Net;
using System.Net.Http.Json;
using Atendimento.Bot.Activities;
using Atendimento.Integration.Tests.Api;
using Atendimento.Integration.Tests.Hosting;
using Atendimento.Testing;

namespace Atendimento.Integration.Tests.Emulator;

/// <summary>The same spine through the Emulator's protocol: activities POSTed to /api/messages, replies to the serviceUrl.</summary>
public sealed class EmulatorEndToEndTests(PostgresRedisFixture fixture) : IClassFixture<PostgresRedisFixture>
{
    // The Emulator's conversation ids carry '|', which must be escaped in reply URLs (specs §6.13).
    private readonly string _conversationId = $"{Guid.NewGuid()}|livechat";
    private readonly ChannelAccount _user = new(Guid.NewGuid().ToString(), "User", "user");
    private readonly ChannelAccount _bot = new("bot-id", "Bot", "bot");

    [Fact]
    public async Task Emulator_user_is_welcomed_handed_off_answered_by_an_agent_and_back_with_the_bot_after_resolve()
    {
        await using var emulator = await FakeEmulator.StartAsync();
        using var bot = fixture.Host.Http();
        using var agent = new AgentApiClient(fixture.Host.Http(AtendimentoHost.AnaKey));

        await PostAsync(bot, emulator, new Activity { Type = ActivityTypes.ConversationUpdate, MembersAdded = [_user, _bot] });
        var (welcomePath, welcome) = await emulator.NextAsync();
        Assert.Contains("Eu sou a Lia", welcome.Text, StringComparison.Ordinal);
        Assert.Equal($"/v3/conversations/{_conversationId}/activities/{welcome.ReplyToId}", welcomePath);
        Assert.Equal(_bot.Id, welcome.From!.Id);
        Assert.Equal(_user.Id, welcome.Recipient!.Id);

        var askId = await PostAsync(bot, emulator, Message("quero falar com um atendente"));
        var handoff = await emulator.NextMessageAsync("Seu protocolo é");
        Assert.Equal(askId, handoff.ReplyToId);
        var (_, initiate) = await emulator.NextAsync();
        Assert.Equal("handoff.initiate", initiate.Name);

        var ticket = await agent.WaitForOpenTicketAsync(t => t.Channel == "emulator");
        await agent.AcceptAsync(ticket.Id);
        await emulator.NextMessageAsync("Ana entrou na conversa");
        await agent.ReplyAsync(ticket.Id, "Olá, sou a Ana. Vou verificar sua conta.");
        var agentReply = await emulator.NextMessageAsync("sou a Ana");
        Assert.Equal("agent:ana", agentReply.From!.Id);

        await PostAsync(bot, emulator, Message("obrigado, aguardo"));
        await Eventually.TrueAsync(async () => (await agent.MessagesAsync(ticket.Id)).Any(m => m.Author == "Customer" && m.Text == "obrigado, aguardo"),
            "the customer's message in the ticket");

        await agent.ResolveAsync(ticket.Id);
        await emulator.NextMessageAsync("foi encerrado");
        await PostAsync(bot, emulator, Message("estou sem internet"));
        await emulator.NextMessageAsync("Desligue o modem");
    }

    [Fact]
    public async Task A_repeated_activity_id_from_the_emulator_gets_one_answer()
    {
        await using var emulator = await FakeEmulator.StartAsync();
        using var bot = fixture.Host.Http();
        var message = Message("quero conhecer os planos") with { Id = Guid.NewGuid().ToString() };

        await PostAsync(bot, emulator, message);
        await PostAsync(bot, emulator, message);

        await emulator.NextMessageAsync("Nossos planos de fibra");
        await emulator.NextMessageAsync("Quer contratar");
        await Task.Delay(500);
        Assert.False(emulator.TryTakeAny(out var extra), $"a second answer arrived: {extra?.Text}");
    }

    [Fact]
    public async Task Replies_that_could_not_be_delivered_are_sent_when_the_emulator_retries_the_activity()
    {
        await using var emulator = await FakeEmulator.StartAsync();
        using var bot = fixture.Host.Http();
        var message = Message("quero conhecer os planos") with { Id = Guid.NewGuid().ToString() };

        emulator.FailNext(1);
        using var failed = await bot.PostAsJsonAsync("/api/messages", Addressed(message, emulator), ActivityJson.Options);
        Assert.Equal(HttpStatusCode.BadGateway, failed.StatusCode);
        Assert.False(emulator.TryTakeAny(out _));

        await PostAsync(bot, emulator, message);
        await emulator.NextMessageAsync("Nossos planos de fibra");
        await emulator.NextMessageAsync("Quer contratar");
        await Task.Delay(300);
        Assert.False(emulator.TryTakeAny(out var extra), $"an extra activity arrived: {extra?.Text}");
    }

    private Activity Message(string text) => new() { Type = ActivityTypes.Message, Text = text };

    /// <summary>Sends as the Emulator does: its own id, channelId "emulator", the serviceUrl, both accounts.</summary>
    private async Task<string> PostAsync(HttpClient bot, FakeEmulator emulator, Activity activity)
    {
        var sent = Addressed(activity, emulator);
        using var response = await bot.PostAsJsonAsync("/api/messages", sent, ActivityJson.Options);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return sent.Id!;
    }

    private Activity Addressed(Activity activity, FakeEmulator emulator) =>
        activity with
        {
            Id = activity.Id ?? Guid.NewGuid().ToString(),
            ChannelId = "emulator",
            ServiceUrl = emulator.ServiceUrl,
            From = _user,
            Recipient = _bot,
            Conversation = new ConversationAccount(_conversationId),
            Locale = "pt-BR",
        };
}
