using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Atendimento.Bot.Activities;
using Atendimento.Integration.Tests.Api;
using Atendimento.Integration.Tests.DirectLine;
using Atendimento.Integration.Tests.Emulator;
using Atendimento.Integration.Tests.Hosting;
using Atendimento.Testing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;

namespace Atendimento.Integration.Tests.Operations;

/// <summary>What keeps working when a part is away, and what refuses to start when it cannot work at all.</summary>
public sealed class ResilienceTests(PostgresRedisFixture fixture) : IClassFixture<PostgresRedisFixture>
{
    [Fact]
    public async Task With_redis_away_direct_line_still_answers_once_and_streams_catch_up_on_their_heartbeat()
    {
        await using var host = AtendimentoHost.Start(fixture.Schema.ConnectionString, "127.0.0.1:1,connectTimeout=300");
        await using var customer = await DirectLineTestClient.StartAsync(host);
        await customer.ExpectTextAsync("Como posso ajudar?");

        await customer.SendAsync("quero conhecer os planos");
        await customer.ExpectTextAsync("Nossos planos de fibra");

        var history = await customer.Http.GetFromJsonAsync<JsonElement>($"/v3/directline/conversations/{customer.Conversation.ConversationId}/activities?watermark=");
        var texts = history.GetProperty("activities").EnumerateArray().Select(a => a.TryGetProperty("text", out var t) ? t.GetString() : null).ToList();
        Assert.Single(texts, t => t?.Contains("Eu sou a Lia", StringComparison.Ordinal) == true);
        Assert.Single(texts, t => t?.Contains("Nossos planos", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task An_agent_message_the_channel_refused_is_502_and_reaches_the_customer_before_anything_else_later()
    {
        await using var emulator = await FakeEmulator.StartAsync();
        using var bot = fixture.Host.Http();
        using var ana = fixture.Host.Http(AtendimentoHost.AnaKey);
        using var agent = new AgentApiClient(fixture.Host.Http(AtendimentoHost.AnaKey));
        var conversation = new ConversationAccount($"{Guid.NewGuid()}|livechat");
        await PostAsync(bot, emulator, conversation, "quero falar com um atendente");
        await emulator.NextMessageAsync("Seu protocolo é");
        var ticket = await agent.WaitForOpenTicketAsync(t => t.Channel == "emulator");
        await agent.AcceptAsync(ticket.Id);
        await emulator.NextMessageAsync("entrou na conversa");
        await Drain(emulator);

        emulator.FailNext(1);
        using var refused = await ana.PostAsJsonAsync($"/api/v1/tickets/{ticket.Id}/messages", new { text = "Vou verificar sua fatura." });
        Assert.Equal(HttpStatusCode.BadGateway, refused.StatusCode);

        await PostAsync(bot, emulator, conversation, "alguém aí?");
        var (_, first) = await emulator.NextAsync();
        Assert.Equal("Vou verificar sua fatura.", first.Text);
        await Eventually.TrueAsync(async () => (await agent.MessagesAsync(ticket.Id)).Any(m => m.Text == "alguém aí?"), "the customer's message in the ticket");
    }

    [Fact]
    public async Task Only_the_agent_api_authenticates_api_keys_no_scheme_is_the_default()
    {
        var schemes = fixture.Host.Services.GetRequiredService<IAuthenticationSchemeProvider>();
        Assert.Null(await schemes.GetDefaultAuthenticateSchemeAsync());
    }

    [Fact]
    public void An_invalid_dialogs_folder_stops_the_start_instead_of_failing_every_conversation()
    {
        var folder = Directory.CreateTempSubdirectory();
        File.WriteAllText(Path.Combine(folder.FullName, "bot.yaml"), "greeting: [\"oi\"]\nmenu: {prompt: x, options: [{title: A, intent: nao_existe}]}\n");
        try
        {
            var failure = Assert.ThrowsAny<Exception>(() => AtendimentoHost.Start(null, null, new Dictionary<string, string?> { ["Dialogs:Directory"] = folder.FullName }));
            Assert.Contains("bot.yaml:1: missing 'notUnderstood'", failure.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task Drain(FakeEmulator emulator)
    {
        await Task.Delay(200);
        while (emulator.TryTakeAny(out _))
        {
        }
    }

    private static async Task PostAsync(HttpClient bot, FakeEmulator emulator, ConversationAccount conversation, string text)
    {
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Id = Guid.NewGuid().ToString(),
            Text = text,
            ChannelId = "emulator",
            ServiceUrl = emulator.ServiceUrl,
            From = new ChannelAccount("user-1", "User", "user"),
            Recipient = new ChannelAccount("bot-1", "Bot", "bot"),
            Conversation = conversation,
        };
        using var response = await bot.PostAsJsonAsync("/api/messages", activity, ActivityJson.Options);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
