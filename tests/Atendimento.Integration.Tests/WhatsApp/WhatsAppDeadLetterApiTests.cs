using System.Net;
using System.Net.Http.Json;
using Atendimento.Bot.Channels.WhatsApp;
using Atendimento.Bot.Channels.WhatsApp.DeadLetters;
using Atendimento.Testing;

namespace Atendimento.Integration.Tests.WhatsApp;

/// <summary>The admin API over dead letters: its own key scheme, filters and cursor, re-drive and its audit, bad input.</summary>
public sealed class WhatsAppDeadLetterApiTests(WhatsAppFixture fixture) : IClassFixture<WhatsAppFixture>
{
    private const string AdminKey = "dev-admin-key";
    private readonly string _customer = WhatsAppWebhooks.NewCustomer();

    [Fact]
    public async Task A_dead_letter_is_listed_by_code_and_conversation_and_a_redrive_sends_it_and_is_audited()
    {
        using var meta = fixture.Host.Http();
        using var admin = fixture.Host.Http(AdminKey);
        fixture.Graph.FailNext(400, 131026);
        using (await WhatsAppWebhooks.PostAsync(meta, WhatsAppWebhooks.Text(_customer, "quero conhecer os planos")))
        {
        }
        var refused = await fixture.Graph.NextToAsync(_customer, "Nossos planos de fibra");
        var conversation = Uri.EscapeDataString(WhatsAppWebhooks.ConversationOf(_customer));
        DeadLetterPage? page = null;
        await Eventually.TrueAsync(async () => (page = await admin.GetFromJsonAsync<DeadLetterPage>(
            $"{DeadLetterPath}?tenant=default&errorCode=131026&conversationId={conversation}"))!.Items.Count == 1, "the dead letter listed");
        var dead = Assert.Single(page!.Items);
        Assert.Equal((131026, "Message undeliverable", refused.Key), (dead.ErrorCode, dead.ErrorTitle, dead.Id));

        using var redrive = await admin.PostAsJsonAsync(DeadLetterPath + "/redrive", new RedriveRequest("default", [dead.Id], null));
        var result = (await redrive.Content.ReadFromJsonAsync<RedriveResponse>())!;

        Assert.Equal((1, 1, "redriven"), (result.Requested, result.Redriven, result.Result));
        var resent = await fixture.Graph.NextToAsync(_customer, "Nossos planos de fibra");
        Assert.Equal(dead.Id, resent.Key);
        var audit = (await admin.GetFromJsonAsync<RedriveAuditResponse>("/api/v1/admin/whatsapp/redrives?tenant=default"))!;
        var record = audit.Items.Single(r => r.Id == result.AuditId);
        Assert.Equal(("dev-admin", 1), (record.Actor, record.Redriven));
        Assert.Contains(dead.Id, record.Request, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_follow_the_cursor_and_end_with_no_cursor()
    {
        using var admin = fixture.Host.Http(AdminKey);
        var outbox = new PostgresWhatsAppOutbox(fixture.Schema.DataSource);
        var conversation = "whatsapp:paging-" + Guid.NewGuid().ToString("N");
        for (var i = 0; i < 3; i++)
        {
            var id = $"{conversation}-{i}:0";
            await outbox.AddAsync(new OutboundMessage(new("default"), id, WhatsAppWebhooks.PhoneNumberId, conversation, "{}", DeliveryState.Queued, null, null, DateTimeOffset.UnixEpoch));
            await outbox.MarkFailedAsync(new("default"), id, 100, DateTimeOffset.UnixEpoch.AddSeconds(i));
        }
        var query = $"{DeadLetterPath}?tenant=default&conversationId={Uri.EscapeDataString(conversation)}&limit=2";

        var first = (await admin.GetFromJsonAsync<DeadLetterPage>(query))!;
        var second = (await admin.GetFromJsonAsync<DeadLetterPage>(query + "&cursor=" + first.NextCursor))!;

        Assert.Equal(2, first.Items.Count);
        Assert.Equal($"{conversation}-2:0", Assert.Single(second.Items).Id);
        Assert.Null(second.NextCursor);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("dev-agent-ana", HttpStatusCode.Unauthorized)]
    [InlineData("wrong-admin-key", HttpStatusCode.Unauthorized)]
    public async Task Only_an_admin_key_opens_the_admin_api(string? key, HttpStatusCode expected)
    {
        using var http = fixture.Host.Http(key);
        using var response = await http.GetAsync(new Uri(DeadLetterPath + "?tenant=default", UriKind.Relative));
        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("", "tenant")]
    [InlineData("?tenant=default&limit=0", "limit")]
    [InlineData("?tenant=default&cursor=not-a-cursor!", "cursor")]
    [InlineData("?tenant=default&from=2026-03-02T12:00:00Z&to=2026-03-02T11:00:00Z", "to")]
    public async Task Bad_list_parameters_are_a_400_naming_the_field(string query, string field)
    {
        using var admin = fixture.Host.Http(AdminKey);
        using var response = await admin.GetAsync(new Uri(DeadLetterPath + query, UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redrive_without_ids_or_filter_or_with_a_bad_code_is_a_400()
    {
        using var admin = fixture.Host.Http(AdminKey);
        using var empty = await admin.PostAsJsonAsync(DeadLetterPath + "/redrive", new RedriveRequest("default", null, null));
        using var badCode = await admin.GetAsync(new Uri(DeadLetterPath + "?tenant=default&errorCode=abc", UriKind.Relative));

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (empty.StatusCode, badCode.StatusCode));
        Assert.Equal("application/problem+json", badCode.Content.Headers.ContentType!.MediaType);
    }

    private const string DeadLetterPath = "/api/v1/admin/whatsapp/dead-letters";
}
