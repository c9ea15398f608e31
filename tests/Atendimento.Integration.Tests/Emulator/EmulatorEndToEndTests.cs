using System.Net;
using Atendimento.Bot.Activities;
using Atendimento.Integration.Tests.Api;
using Atendimento.Integration.Tests.Hosting;
using Atendimento.Testing;

namespace Atendimento.Integration.Tests.Emulator;

/// <summary>The same spine through the Emulator's protocol: activities POSTed to /api/messages, replies to the serviceUrl.</summary>
public sealed class EmulatorEndToEndTests(PostgresRedisFixture fixture) : IClassFixture<PostgresRedisFixture>
{
    [Fact]
    public async Task Emulator_user_is_welcomed_handed_off_answered_by_an_agent_and_back_with_the_bot_after_resolve()
    {
        await using var user = await EmulatorUser.StartAsync(fixture.Host);
        var emulator = user.Emulator;
        using var agent = new AgentApiClient(fixture.Host.Http(AtendimentoHost.AnaKey));

        await user.JoinAsync();
        var (welcomePath, welcome) = await emulator.NextAsync();
        Assert.Contains("Eu sou a Lia", welcome.Text, StringComparison.Ordinal);
        Assert.Equal($"/v3/conversations/{user.ConversationId}/activities/{welcome.ReplyToId}", welcomePath);
        Assert.Equal(user.Bot.Id, welcome.From!.Id);
        Assert.Equal(user.User.Id, welcome.Recipient!.Id);

        var askId = await user.SayAsync("quero falar com um atendente");
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

        await user.SayAsync("obrigado, aguardo");
        await Eventually.TrueAsync(async () => (await agent.MessagesAsync(ticket.Id)).Any(m => m.Author == "Customer" && m.Text == "obrigado, aguardo"),
            "the customer's message in the ticket");

        await agent.ResolveAsync(ticket.Id);
        await emulator.NextMessageAsync("foi encerrado");
        await user.SayAsync("estou sem internet");
        await emulator.NextMessageAsync("Desligue o modem");
    }

    [Fact]
    public async Task A_repeated_activity_id_from_the_emulator_gets_one_answer()
    {
        await using var user = await EmulatorUser.StartAsync(fixture.Host);
        var message = user.Message("quero conhecer os planos") with { Id = Guid.NewGuid().ToString() };

        await user.PostAsync(message);
        await user.PostAsync(message);

        await user.Emulator.NextMessageAsync("Nossos planos de fibra");
        await user.Emulator.NextMessageAsync("Quer contratar");
        await Task.Delay(500);
        Assert.False(user.Emulator.TryTakeAny(out var extra), $"a second answer arrived: {extra?.Text}");
    }

    [Fact]
    public async Task Replies_that_could_not_be_delivered_are_sent_when_the_emulator_retries_the_activity()
    {
        await using var user = await EmulatorUser.StartAsync(fixture.Host);
        var message = user.Message("quero conhecer os planos") with { Id = Guid.NewGuid().ToString() };

        user.Emulator.FailNext(1);
        using var failed = await user.SendAsync(message);
        Assert.Equal(HttpStatusCode.BadGateway, failed.StatusCode);
        Assert.False(user.Emulator.TryTakeAny(out _));

        await user.PostAsync(message);
        await user.Emulator.NextMessageAsync("Nossos planos de fibra");
        await user.Emulator.NextMessageAsync("Quer contratar");
        await Task.Delay(300);
        Assert.False(user.Emulator.TryTakeAny(out var extra), $"an extra activity arrived: {extra?.Text}");
    }
}
