using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Atendimento.Bot.Channels.DirectLine;
using Atendimento.Integration.Tests.DirectLine;
using Atendimento.Integration.Tests.Hosting;
using Atendimento.Platform.Tenancy;
using Atendimento.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Atendimento.Integration.Tests.Api;

/// <summary>Bad input gets a clear 4xx ProblemDetails, never a 500, and loses nothing that was there before.</summary>
public sealed class BadInputTests(PostgresRedisFixture fixture) : IClassFixture<PostgresRedisFixture>
{
    private AtendimentoHost Host => fixture.Host;

    [Fact]
    public async Task Malformed_json_on_direct_line_is_400_and_the_history_is_unchanged()
    {
        await using var customer = await DirectLineTestClient.StartAsync(Host);
        await customer.ExpectTextAsync("Como posso ajudar?");
        var before = await HistoryCountAsync(customer);

        using var response = await customer.Http.PostAsync(ActivitiesPath(customer), Json("{\"type\": \"message\", \"text\": "));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "BadSyntax");
        Assert.Equal(before, await HistoryCountAsync(customer));
    }

    [Fact]
    public async Task An_activity_without_type_is_400()
    {
        await using var customer = await DirectLineTestClient.StartAsync(Host);
        using var response = await customer.Http.PostAsync(ActivitiesPath(customer), Json("""{"text":"oi"}"""));
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "BadSyntax");
    }

    [Fact]
    public async Task Oversized_activity_is_413_and_the_history_is_unchanged()
    {
        await using var customer = await DirectLineTestClient.StartAsync(Host);
        await customer.ExpectTextAsync("Como posso ajudar?");
        var before = await HistoryCountAsync(customer);
        var huge = JsonSerializer.Serialize(new { type = "message", text = new string('a', 300 * 1024) });

        using var response = await customer.Http.PostAsync(ActivitiesPath(customer), Json(huge));

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "MessageSizeTooBig");
        Assert.Equal(before, await HistoryCountAsync(customer));
    }

    [Theory]
    [InlineData("""{"type":"message","text":"oi","channelData":{"a":1,"a":2}}""", "a property given twice")]
    [InlineData("""{"type":"message","text":"oi\u0000"}""", "a NUL character")]
    [InlineData("""{"type":"conversationUpdate","membersAdded":[{"id":"x"}]}""", "a type only the server sends")]
    public async Task Activities_the_stores_cannot_keep_or_clients_may_not_send_are_400_and_change_nothing(string body, string because)
    {
        await using var customer = await DirectLineTestClient.StartAsync(Host);
        await customer.ExpectTextAsync("Como posso ajudar?");
        var before = await HistoryCountAsync(customer);

        using var response = await customer.Http.PostAsync(ActivitiesPath(customer), Json(body));

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{because}: got {(int)response.StatusCode}");
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "BadSyntax");
        Assert.Equal(before, await HistoryCountAsync(customer));
    }

    [Fact]
    public async Task A_typed_backslash_u0000_is_text_not_a_nul_and_is_accepted()
    {
        await using var customer = await DirectLineTestClient.StartAsync(Host);
        using var response = await customer.Http.PostAsync(ActivitiesPath(customer), Json("""{"type":"message","text":"C:\\u0000 no caminho"}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await customer.ExpectTextAsync("C:\\u0000 no caminho");
    }

    [Fact]
    public async Task A_client_activity_id_longer_than_200_characters_is_400()
    {
        await using var customer = await DirectLineTestClient.StartAsync(Host);
        var body = JsonSerializer.Serialize(new { type = "message", text = "oi", channelData = new { clientActivityID = new string('x', 3000) } });
        using var response = await customer.Http.PostAsync(ActivitiesPath(customer), Json(body));
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "BadSyntax");
    }

    [Fact]
    public async Task Unknown_conversation_is_404()
    {
        using var backend = Host.Http(AtendimentoHost.DirectLineSecret);
        using var response = await backend.GetAsync("/v3/directline/conversations/does-not-exist/activities");
        await AssertProblemAsync(response, HttpStatusCode.NotFound, "BadArgument");
    }

    [Fact]
    public async Task Missing_token_is_401_and_a_forged_token_is_403()
    {
        await using var customer = await DirectLineTestClient.StartAsync(Host);
        using var anonymous = Host.Http();
        using var missing = await anonymous.PostAsync(ActivitiesPath(customer), Json("""{"type":"message","text":"oi"}"""));
        await AssertProblemAsync(missing, HttpStatusCode.Unauthorized, "MissingProperty");

        var forged = customer.Conversation.Token[..^4] + "AAAA";
        using var forger = Host.Http(forged);
        using var rejected = await forger.PostAsync(ActivitiesPath(customer), Json("""{"type":"message","text":"oi"}"""));
        await AssertProblemAsync(rejected, HttpStatusCode.Forbidden, "BadArgument");
    }

    [Fact]
    public async Task Expired_token_is_403_TokenExpired_and_cannot_be_refreshed()
    {
        await using var customer = await DirectLineTestClient.StartAsync(Host);
        var signedTwoHoursAgo = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(0).AddYears(56));
        var tokens = new DirectLineTokens(Host.Services.GetRequiredService<IOptions<DirectLineOptions>>(), signedTwoHoursAgo);
        var expired = tokens.Issue(TenantId.Default, customer.Conversation.ConversationId, "dl_expired");
        using var client = Host.Http(expired);

        using var post = await client.PostAsync(ActivitiesPath(customer), Json("""{"type":"message","text":"oi"}"""));
        await AssertProblemAsync(post, HttpStatusCode.Forbidden, "TokenExpired");
        using var refresh = await client.PostAsync(new Uri("/v3/directline/tokens/refresh", UriKind.Relative), null);
        await AssertProblemAsync(refresh, HttpStatusCode.Forbidden, "TokenExpired");
    }

    [Fact]
    public async Task A_token_of_one_conversation_cannot_read_another()
    {
        await using var first = await DirectLineTestClient.StartAsync(Host);
        await using var second = await DirectLineTestClient.StartAsync(Host);
        using var response = await first.Http.GetAsync($"/v3/directline/conversations/{second.Conversation.ConversationId}/activities");
        await AssertProblemAsync(response, HttpStatusCode.Forbidden, "BadArgument");
    }

    [Fact]
    public async Task Agent_api_rejects_unknown_tickets_bad_filters_empty_text_missing_keys_and_refused_transitions()
    {
        using var ana = Host.Http(AtendimentoHost.AnaKey);
        await AssertProblemAsync(await ana.GetAsync("/api/v1/tickets/999999"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await ana.PostAsync(new Uri("/api/v1/tickets/999999/accept", UriKind.Relative), null), HttpStatusCode.NotFound);
        await AssertProblemAsync(await ana.GetAsync("/api/v1/tickets?status=Pending"), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await ana.PostAsync("/api/v1/tickets/1/messages", Json("{\"text\": ")), HttpStatusCode.BadRequest);
        using var anonymous = Host.Http();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/tickets")).StatusCode);
        using var wrongKey = Host.Http("not-a-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrongKey.GetAsync("/api/v1/tickets")).StatusCode);

        await using var customer = await DirectLineTestClient.StartAsync(Host);
        await customer.SendAsync("quero falar com um atendente");
        using var agent = new AgentApiClient(Host.Http(AtendimentoHost.AnaKey));
        var ticket = await agent.WaitForOpenTicketAsync();
        using var empty = await ana.PostAsJsonAsync($"/api/v1/tickets/{ticket.Id}/messages", new { text = "  " });
        await AssertProblemAsync(empty, HttpStatusCode.BadRequest);
        using var beforeAccept = await ana.PostAsJsonAsync($"/api/v1/tickets/{ticket.Id}/messages", new { text = "oi" });
        await AssertProblemAsync(beforeAccept, HttpStatusCode.Conflict);
        await agent.AcceptAsync(ticket.Id);
        using var bruno = Host.Http("dev-agent-bruno");
        await AssertProblemAsync(await bruno.PostAsync(new Uri($"/api/v1/tickets/{ticket.Id}/accept", UriKind.Relative), null), HttpStatusCode.Conflict);
        await AssertProblemAsync(await bruno.PostAsync(new Uri($"/api/v1/tickets/{ticket.Id}/resolve", UriKind.Relative), null), HttpStatusCode.Conflict);
        Assert.Equal("InProgress", (await agent.GetAsync(ticket.Id)).Status);
    }

    [Fact]
    public async Task Emulator_endpoint_rejects_malformed_json_missing_fields_and_foreign_service_urls()
    {
        using var bot = Host.Http();
        await AssertProblemAsync(await bot.PostAsync("/api/messages", Json("{not json")), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await bot.PostAsync("/api/messages", Json("""{"type":"message","text":"oi"}""")), HttpStatusCode.BadRequest);
        var foreign = """
            {"type":"message","text":"oi","serviceUrl":"http://169.254.169.254","conversation":{"id":"c1"},
             "from":{"id":"u1"},"recipient":{"id":"b1"}}
            """;
        using var response = await bot.PostAsync("/api/messages", Json(foreign));
        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("not allowed", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static string ActivitiesPath(DirectLineTestClient customer) => $"/v3/directline/conversations/{customer.Conversation.ConversationId}/activities";

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<int> HistoryCountAsync(DirectLineTestClient customer)
    {
        var set = await customer.Http.GetFromJsonAsync<JsonElement>(ActivitiesPath(customer) + "?watermark=");
        return set.GetProperty("activities").GetArrayLength();
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? directLineCode = null)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        if (directLineCode is not null)
        {
            Assert.Equal(directLineCode, problem.GetProperty("error").GetProperty("code").GetString());
        }
    }
}
