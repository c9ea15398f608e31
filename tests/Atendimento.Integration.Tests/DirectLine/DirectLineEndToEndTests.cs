using System.Net.Http.Json;
using System.Text.Json;
using Atendimento.Bot.Activities;
using Atendimento.Integration.Tests.Api;
using Atendimento.Integration.Tests.Hosting;
using Atendimento.Testing;

namespace Atendimento.Integration.Tests.DirectLine;

/// <summary>The spine over the real protocols on real PostgreSQL and Redis: Direct Line customer, human agent through the API.</summary>
public sealed class DirectLineEndToEndTests(PostgresRedisFixture fixture) : IClassFixture<PostgresRedisFixture>
{
    [Fact]
    public async Task Customer_asks_for_a_human_agent_answers_on_the_stream_and_after_resolve_the_bot_answers_again()
    {
        await using var customer = await DirectLineTestClient.StartAsync(fixture.Host);
        using var agent = new AgentApiClient(fixture.Host.Http(AtendimentoHost.AnaKey));

        var welcome = await customer.ExpectTextAsync("Eu sou a Lia");
        Assert.Equal("bot", welcome.From?.Role);
        var menu = await customer.ExpectTextAsync("Como posso ajudar?");
        Assert.Contains(menu.SuggestedActions!.Actions, a => a.Title == "Falar com um atendente");

        var askedId = await customer.SendAsync("quero falar com um atendente");
        var echo = await customer.ExpectAsync(a => a.Id == askedId, "the echo of the customer's message");
        Assert.Equal("quero falar com um atendente", echo.Text);
        Assert.Equal("user", echo.From?.Role);
        Assert.StartsWith("client-", echo.ChannelData!["clientActivityID"]!.GetValue<string>(), StringComparison.Ordinal);
        var handoffMessage = await customer.ExpectTextAsync("Seu protocolo é");
        var initiate = await customer.ExpectAsync(a => a.Type == ActivityTypes.Event && a.Name == "handoff.initiate", "the handoff.initiate event");

        var ticket = await agent.WaitForOpenTicketAsync();
        Assert.Contains($"protocolo é {ticket.Id}", handoffMessage.Text, StringComparison.Ordinal);
        Assert.Equal(ticket.Id, initiate.Value!["ticketId"]!.GetValue<long>());
        var detail = await agent.GetAsync(ticket.Id);
        Assert.Equal("explicit_request", detail.ReasonCode);
        Assert.Equal("N1", detail.Level);
        Assert.Equal("explicit_request", detail.Handoff!.Value.GetProperty("reasonCode").GetString());
        Assert.Equal("falar_com_atendente", detail.Handoff.Value.GetProperty("intent").GetString());
        Assert.Contains(detail.Handoff.Value.GetProperty("transcript").EnumerateArray(),
            entry => entry.GetProperty("text").GetString() == "quero falar com um atendente" && entry.GetProperty("role").GetString() == "Customer");

        await agent.AcceptAsync(ticket.Id);
        await customer.ExpectTextAsync("Ana entrou na conversa");
        await agent.ReplyAsync(ticket.Id, "Oi! Aqui é a Ana. Como posso ajudar?");
        var reply = await customer.ExpectTextAsync("Aqui é a Ana");
        Assert.Equal("agent:ana", reply.From?.Id);

        var relayedId = await customer.SendAsync("minha fatura veio errada");
        await customer.ExpectAsync(a => a.Id == relayedId, "the echo of the relayed message");
        await Eventually.TrueAsync(async () => (await agent.MessagesAsync(ticket.Id)).Any(m => m.Author == "Customer" && m.Text == "minha fatura veio errada"),
            "the relayed message in the ticket");
        await AssertNothingAfterAsync(customer, relayedId);

        await agent.ResolveAsync(ticket.Id);
        await customer.ExpectTextAsync("foi encerrado");
        await customer.SendAsync("quero conhecer os planos");
        await customer.ExpectTextAsync("Nossos planos de fibra");

        var transcript = await agent.MessagesAsync(ticket.Id);
        Assert.Equal(["Bot", "Bot", "Customer", "Agent", "Customer", "System"], transcript.Select(m => m.Author));
        Assert.Equal([1L, 2, 3, 4, 5, 6], transcript.Select(m => m.Sequence));
        Assert.Equal("Oi! Aqui é a Ana. Como posso ajudar?", transcript[3].Text);
    }

    [Fact]
    public async Task A_post_repeated_with_the_same_clientActivityID_gets_the_same_id_and_one_answer()
    {
        await using var customer = await DirectLineTestClient.StartAsync(fixture.Host);
        await customer.ExpectTextAsync("Como posso ajudar?");
        var path = $"/v3/directline/conversations/{customer.Conversation.ConversationId}/activities";
        var activity = new { type = "message", text = "quero conhecer os planos", channelData = new { clientActivityID = "retried-1" } };

        using var first = await customer.Http.PostAsJsonAsync(path, activity);
        using var retry = await customer.Http.PostAsJsonAsync(path, activity);

        var firstId = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        Assert.Equal(firstId, (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());
        await customer.ExpectTextAsync("Quer contratar");
        await Task.Delay(500);
        Assert.Single(customer.Received, a => a.Text?.Contains("Nossos planos", StringComparison.Ordinal) == true);
        Assert.Single(customer.Received, a => a.Id == firstId);
    }

    [Fact]
    public async Task Every_stored_activity_has_a_server_id_and_a_utc_timestamp_ending_in_Z()
    {
        await using var customer = await DirectLineTestClient.StartAsync(fixture.Host);
        await customer.SendAsync("quero conhecer os planos");
        await customer.ExpectTextAsync("Quer contratar");

        var raw = await customer.Http.GetStringAsync($"/v3/directline/conversations/{customer.Conversation.ConversationId}/activities?watermark=");
        var activities = JsonDocument.Parse(raw).RootElement.GetProperty("activities").EnumerateArray().ToList();
        Assert.True(activities.Count >= 5);
        Assert.All(activities, a =>
        {
            Assert.StartsWith(customer.Conversation.ConversationId + "|", a.GetProperty("id").GetString(), StringComparison.Ordinal);
            Assert.EndsWith("Z", a.GetProperty("timestamp").GetString(), StringComparison.Ordinal);
        });
        var sequence = activities.Select(a => a.GetProperty("channelData").GetProperty("webchat:sequence-id").GetInt64()).ToList();
        Assert.Equal(Enumerable.Range(1, sequence.Count).Select(i => (long)i), sequence);
    }

    [Fact]
    public async Task A_refreshed_token_is_new_belongs_to_the_same_conversation_and_works()
    {
        await using var customer = await DirectLineTestClient.StartAsync(fixture.Host);
        await customer.ExpectTextAsync("Como posso ajudar?");

        using var refreshed = await customer.Http.PostAsync(new Uri("/v3/directline/tokens/refresh", UriKind.Relative), null);
        var body = await refreshed.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(System.Net.HttpStatusCode.OK, refreshed.StatusCode);
        Assert.Equal(customer.Conversation.ConversationId, body.GetProperty("conversationId").GetString());
        Assert.Equal(1800, body.GetProperty("expires_in").GetInt32());
        using var withNewToken = fixture.Host.Http(body.GetProperty("token").GetString());
        using var history = await withNewToken.GetAsync($"/v3/directline/conversations/{customer.Conversation.ConversationId}/activities");
        Assert.Equal(System.Net.HttpStatusCode.OK, history.StatusCode);
    }

    [Fact]
    public async Task Stream_sends_heartbeats_and_reconnect_from_a_watermark_replays_only_what_came_after()
    {
        await using var customer = await DirectLineTestClient.StartAsync(fixture.Host);
        await customer.ExpectTextAsync("Como posso ajudar?");
        await Eventually.TrueAsync(() => Task.FromResult(customer.Heartbeats > 0), "an empty keep-alive frame", TimeSpan.FromSeconds(10));
        var watermark = customer.LastWatermark;

        await customer.SendAsync("quero conhecer os planos");
        await customer.ExpectTextAsync("Nossos planos de fibra");

        using var reconnect = await customer.Http.GetAsync($"/v3/directline/conversations/{customer.Conversation.ConversationId}?watermark={watermark}");
        var info = JsonDocument.Parse(await reconnect.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains($"watermark={watermark}", info.GetProperty("streamUrl").GetString(), StringComparison.Ordinal);

        using var page = await customer.Http.GetAsync($"/v3/directline/conversations/{customer.Conversation.ConversationId}/activities?watermark={watermark}");
        var set = JsonDocument.Parse(await page.Content.ReadAsStringAsync()).RootElement;
        var texts = set.GetProperty("activities").EnumerateArray().Select(a => a.TryGetProperty("text", out var t) ? t.GetString() : null).ToList();
        Assert.Equal("quero conhecer os planos", texts[0]);
        Assert.DoesNotContain(texts, t => t?.Contains("Eu sou a Lia", StringComparison.Ordinal) == true);
    }

    /// <summary>While a human owns the conversation the bot must not answer: nothing may follow the customer's message.</summary>
    private static async Task AssertNothingAfterAsync(DirectLineTestClient customer, string activityId)
    {
        await Task.Delay(500);
        var received = customer.Received;
        var index = received.ToList().FindIndex(a => a.Id == activityId);
        Assert.True(index >= 0, "the customer's message was not echoed");
        Assert.Empty(received.Skip(index + 1));
    }
}
