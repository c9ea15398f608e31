using System.Net;
using System.Text.Json.Nodes;
using Atendimento.Bot.Channels.WhatsApp;
using Atendimento.Integration.Tests.Api;
using Atendimento.Integration.Tests.Hosting;
using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Api;
using Atendimento.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Atendimento.Integration.Tests.WhatsApp;

/// <summary>The spine over WhatsApp: signed webhooks in, Graph API messages out, an agent in between.</summary>
public sealed class WhatsAppEndToEndTests(WhatsAppFixture fixture) : IClassFixture<WhatsAppFixture>
{
    private readonly string _customer = WhatsAppWebhooks.NewCustomer();

    [Fact]
    public async Task A_customer_asking_for_a_person_gets_a_ticket_and_the_agents_reply_reaches_their_wa_id()
    {
        using var meta = fixture.Host.Http();
        using var agent = new AgentApiClient(fixture.Host.Http(AtendimentoHost.AnaKey));

        using (var accepted = await WhatsAppWebhooks.PostAsync(meta, WhatsAppWebhooks.Text(_customer, "quero falar com um atendente")))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }
        var protocol = await fixture.Graph.NextToAsync(_customer, "Seu protocolo é");
        Assert.Equal($"/v23.0/{WhatsAppWebhooks.PhoneNumberId}/messages", protocol.Path);
        Assert.Equal("Bearer " + WhatsAppWebhooks.AccessToken, protocol.Authorization);

        var ticket = await agent.WaitForOpenTicketAsync(t => t.Channel == "whatsapp");
        Assert.Equal("Cliente Teste", ticket.CustomerName);
        await agent.AcceptAsync(ticket.Id);
        await fixture.Graph.NextToAsync(_customer, "Ana entrou na conversa");
        await agent.ReplyAsync(ticket.Id, "Olá, sou a Ana. Vou verificar sua conta.");

        var reply = await fixture.Graph.NextToAsync(_customer, "sou a Ana");
        Assert.Equal("text", reply.Body["type"]!.GetValue<string>());
        Assert.Equal("Olá, sou a Ana. Vou verificar sua conta.", reply.Text);

        // Meta's statuses for the agent's message reach the ticket line.
        var wamid = fixture.Graph.Accepted.Single(m => m.Key == reply.Key).Wamid;
        await Eventually.TrueAsync(async () => await DeliveryOfAsync(agent, ticket.Id, "sou a Ana") is { State: "sent" }, "sent on the ticket");
        foreach (var status in new[] { "delivered", "read" })
        {
            using var response = await WhatsAppWebhooks.PostAsync(meta, WhatsAppWebhooks.Status(_customer, wamid, status));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await Eventually.TrueAsync(async () => (await DeliveryOfAsync(agent, ticket.Id, "sou a Ana"))?.State == status, status + " on the ticket");
        }
    }

    [Fact]
    public async Task A_failed_status_for_an_agents_message_shows_its_code_and_title_on_the_ticket()
    {
        using var meta = fixture.Host.Http();
        using var agent = new AgentApiClient(fixture.Host.Http(AtendimentoHost.AnaKey));
        fixture.Graph.ReportStatusesTo(fixture.Host.BaseAddress, WhatsAppWebhooks.AppSecret);
        using (await WhatsAppWebhooks.PostAsync(meta, WhatsAppWebhooks.Text(_customer, "quero falar com um atendente")))
        {
        }
        var ticket = await agent.WaitForOpenTicketAsync(t => t.Channel == "whatsapp");
        await agent.AcceptAsync(ticket.Id);
        await fixture.Graph.NextToAsync(_customer, "entrou na conversa");

        fixture.Graph.FailLaterNext(131047);
        await agent.ReplyAsync(ticket.Id, "Pode confirmar seu CPF?");

        await Eventually.TrueAsync(async () => await DeliveryOfAsync(agent, ticket.Id, "confirmar seu CPF") is { State: "failed" }, "failed on the ticket");
        var failed = (await DeliveryOfAsync(agent, ticket.Id, "confirmar seu CPF"))!;
        Assert.Equal((131047, "24-hour window closed"), (failed.ErrorCode, failed.ErrorTitle));
    }

    private static async Task<MessageDeliveryResponse?> DeliveryOfAsync(AgentApiClient agent, long ticketId, string fragment) =>
        (await agent.MessagesAsync(ticketId)).Single(m => m.Author == "Agent" && m.Text.Contains(fragment, StringComparison.Ordinal)).Delivery;

    [Fact]
    public async Task A_customer_message_is_marked_read_after_its_turn()
    {
        using var meta = fixture.Host.Http();
        var wamid = "wamid." + Guid.NewGuid().ToString("N");
        using (await WhatsAppWebhooks.PostAsync(meta, WhatsAppWebhooks.Text(_customer, "quero conhecer os planos", wamid)))
        {
        }

        var read = await fixture.Graph.NextMarkReadAsync(wamid);

        Assert.Equal($"/v23.0/{WhatsAppWebhooks.PhoneNumberId}/messages", read.Path);
        Assert.Null(read.To);
    }

    [Fact]
    public async Task A_replayed_webhook_runs_one_turn()
    {
        using var meta = fixture.Host.Http();
        var body = WhatsAppWebhooks.Text(_customer, "quero conhecer os planos");

        using (var first = await WhatsAppWebhooks.PostAsync(meta, body))
        using (var second = await WhatsAppWebhooks.PostAsync(meta, body))
        {
            Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        }

        await fixture.Graph.NextToAsync(_customer, "Nossos planos de fibra");
        await fixture.Graph.NextToAsync(_customer, "Quer contratar");
        await Eventually.TrueAsync(async () => await fixture.InboxRowsMentioningAsync(_customer) == 2, "both copies accepted");
        await Eventually.TrueAsync(async () => await PendingAsync() == 0, "the inbox drained");
        await Task.Delay(300);
        Assert.Empty(fixture.Graph.TakeAllTo(_customer));
    }

    [Fact]
    public async Task Statuses_move_the_sent_message_forward_once_even_out_of_order_or_replayed()
    {
        using var meta = fixture.Host.Http();
        using (await WhatsAppWebhooks.PostAsync(meta, WhatsAppWebhooks.Text(_customer, "quero conhecer os planos")))
        {
        }
        await fixture.Graph.NextToAsync(_customer, "Nossos planos de fibra");
        string? wamid = null;
        // The fake records the request before the bot reads the answer and stores the wamid.
        await Eventually.TrueAsync(async () => (wamid = await SentWamidAsync()) is not null, "the wamid stored");

        foreach (var status in new[] { "read", "delivered", "read" })
        {
            using var response = await WhatsAppWebhooks.PostAsync(meta, WhatsAppWebhooks.Status(_customer, wamid!, status));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await Eventually.TrueAsync(async () => await fixture.OutboxStateAsync(wamid!) == (int)DeliveryState.Read, "the message marked read");
        await Eventually.TrueAsync(async () => await PendingAsync() == 0, "the inbox drained");
        Assert.Equal((int)DeliveryState.Read, await fixture.OutboxStateAsync(wamid!));
    }

    [Fact]
    public async Task A_permanent_graph_error_is_a_dead_letter_and_the_next_reply_still_goes_out()
    {
        using var meta = fixture.Host.Http();
        fixture.Graph.FailNext(400, 131026);
        using (await WhatsAppWebhooks.PostAsync(meta, WhatsAppWebhooks.Text(_customer, "quero conhecer os planos")))
        {
        }

        await fixture.Graph.NextToAsync(_customer, "Nossos planos de fibra");
        var next = await fixture.Graph.NextToAsync(_customer, "Quer contratar");
        Assert.Equal("interactive", next.Body["type"]!.GetValue<string>());
        await using var command = fixture.Schema.DataSource.CreateCommand(
            "SELECT state FROM whatsapp_outbox WHERE conversation_id = $1 AND error_code = 131026");
        command.Parameters.AddWithValue(WhatsAppWebhooks.ConversationOf(_customer));
        Assert.Equal((int)DeliveryState.Failed, (int)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task A_change_stored_by_an_instance_that_died_before_processing_it_is_still_answered()
    {
        // All that is left of the webhook is its inbox row; no wake-up signal, only the processor's polling finds it.
        var body = JsonNode.Parse(WhatsAppWebhooks.Text(_customer, "quero conhecer os planos"))!;
        var value = body["entry"]![0]!["changes"]![0]!["value"]!.ToJsonString();
        await new PostgresWhatsAppInbox(fixture.Schema.DataSource).AcceptAsync(
            [new InboxEntry(TenantId.Default, WhatsAppWebhooks.PhoneNumberId, value, DateTimeOffset.FromUnixTimeSeconds(1_780_000_000))]);

        await fixture.Graph.NextToAsync(_customer, "Nossos planos de fibra");
        await Eventually.TrueAsync(async () => await PendingAsync() == 0, "the inbox drained");
    }

    private Task<int> PendingAsync() => fixture.Host.Services.GetRequiredService<IWhatsAppInbox>().CountPendingAsync();

    private async Task<string?> SentWamidAsync()
    {
        await using var command = fixture.Schema.DataSource.CreateCommand(
            "SELECT wamid FROM whatsapp_outbox WHERE conversation_id = $1 AND wamid IS NOT NULL ORDER BY updated_at LIMIT 1");
        command.Parameters.AddWithValue(WhatsAppWebhooks.ConversationOf(_customer));
        return await command.ExecuteScalarAsync() as string;
    }
}
