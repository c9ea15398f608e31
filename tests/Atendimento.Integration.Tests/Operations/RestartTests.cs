using System.Net.Http.Json;
using System.Text.Json;
using Atendimento.Integration.Tests.Api;
using Atendimento.Integration.Tests.DirectLine;
using Atendimento.Integration.Tests.Hosting;
using Atendimento.Testing;

namespace Atendimento.Integration.Tests.Operations;

/// <summary>A restart on PostgreSQL keeps conversations, dialog state and tickets: a customer mid-dialog continues where they were.</summary>
public sealed class RestartTests : IAsyncLifetime
{
    private PostgresSchema _schema = null!;

    public async Task InitializeAsync() => _schema = await PostgresSchema.CreateAsync();

    public async Task DisposeAsync() => await _schema.DisposeAsync();

    [Fact]
    public async Task After_a_restart_the_customer_mid_dialog_continues_and_tickets_and_history_are_kept()
    {
        string conversationId;
        string token;
        long ticketId;
        var firstHost = AtendimentoHost.Start(_schema.ConnectionString, TestEnvironment.Redis);
        await using (firstHost)
        {
            await using var midDialog = await DirectLineTestClient.StartAsync(firstHost);
            await midDialog.SendAsync("preciso da segunda via do boleto");
            await midDialog.ExpectTextAsync("me informe o CPF");
            (conversationId, token) = (midDialog.Conversation.ConversationId, midDialog.Conversation.Token);

            await using var handedOff = await DirectLineTestClient.StartAsync(firstHost);
            await handedOff.SendAsync("quero falar com um atendente");
            using var agent = new AgentApiClient(firstHost.Http(AtendimentoHost.AnaKey));
            ticketId = (await agent.WaitForOpenTicketAsync()).Id;
        }

        await using var secondHost = AtendimentoHost.Start(_schema.ConnectionString, TestEnvironment.Redis);
        using var customer = secondHost.Http(token);
        using var history = await customer.GetAsync($"/v3/directline/conversations/{conversationId}/activities?watermark=");
        var before = (await history.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("activities").GetArrayLength();
        Assert.True(before >= 4, $"history lost across the restart: {before} activities");

        using var answer = await customer.PostAsJsonAsync($"/v3/directline/conversations/{conversationId}/activities",
            new { type = "message", text = "529.982.247-25", channelData = new { clientActivityID = "after-restart" } });
        answer.EnsureSuccessStatusCode();
        using var after = await customer.GetAsync($"/v3/directline/conversations/{conversationId}/activities?watermark={before}");
        var texts = (await after.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("activities").EnumerateArray()
            .Select(a => a.TryGetProperty("text", out var text) ? text.GetString() : null).ToList();
        Assert.Contains(texts, t => t?.Contains("Com o CPF 52998224725", StringComparison.Ordinal) == true);

        using var agentAfter = new AgentApiClient(secondHost.Http(AtendimentoHost.AnaKey));
        var ticket = await agentAfter.GetAsync(ticketId);
        Assert.Equal("Open", ticket.Status);
        Assert.Equal("explicit_request", ticket.ReasonCode);
        Assert.Contains(await agentAfter.MessagesAsync(ticketId), m => m.Text == "quero falar com um atendente");
    }
}
