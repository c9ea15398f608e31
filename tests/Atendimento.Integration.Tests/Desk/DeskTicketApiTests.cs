using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Atendimento.Integration.Tests.DirectLine;
using Atendimento.Integration.Tests.Hosting;
using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Agents;
using Atendimento.Routing.Desk.Identity;
using Atendimento.Routing.Tickets;
using Atendimento.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Atendimento.Integration.Tests.Desk;

/// <summary>
/// The ticket API from a desk session (<c>/desk/api/tickets</c>) on real PostgreSQL and Redis: a desk agent acts
/// as their agent, every change needs the CSRF token, a supervisor reads but cannot act, another tenant's ticket
/// does not exist, and the desk's own reads (inbox, canned responses, supervisor view) answer per user.
/// </summary>
public sealed class DeskTicketApiTests(PostgresRedisFixture fixture) : IClassFixture<PostgresRedisFixture>
{
    [Fact]
    public async Task A_desk_agent_accepts_and_replies_as_their_agent_and_each_change_without_the_csrf_token_is_refused()
    {
        await using var customer = await DirectLineTestClient.StartAsync(fixture.Host);
        var ticketId = await HandOffAsync(customer);
        using var ana = await DeskClient.SignInAsync(fixture.Host, "ana");

        using (var forged = await ana.PostAsync($"/desk/api/tickets/{ticketId}/accept", withCsrf: false))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        }
        Assert.Equal("Open", (await ana.GetJsonAsync($"/desk/api/tickets/{ticketId}")).GetProperty("status").GetString());

        using (var accepted = await ana.PostAsync($"/desk/api/tickets/{ticketId}/accept"))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
            Assert.Equal("ana", (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("assigneeId").GetString());
        }
        using (var reply = await ana.PostAsync($"/desk/api/tickets/{ticketId}/messages", new { text = "Oi, aqui é a Ana pela mesa." }))
        {
            Assert.Equal(HttpStatusCode.Created, reply.StatusCode);
        }
        await customer.ExpectTextAsync("aqui é a Ana pela mesa");
        using var empty = await ana.PostAsync($"/desk/api/tickets/{ticketId}/messages", new { text = "" });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.True((await empty.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("text", out _));
    }

    [Fact]
    public async Task A_supervisor_without_an_agent_reads_tickets_but_may_not_act_on_them()
    {
        await using var customer = await DirectLineTestClient.StartAsync(fixture.Host);
        var ticketId = await HandOffAsync(customer);
        using var sofia = await DeskClient.SignInAsync(fixture.Host, "sofia");

        var ticket = await sofia.GetJsonAsync($"/desk/api/tickets/{ticketId}");
        using var accept = await sofia.PostAsync($"/desk/api/tickets/{ticketId}/accept");

        Assert.Equal("explicit_request", ticket.GetProperty("handoff").GetProperty("reasonCode").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, accept.StatusCode);
        using var anonymous = fixture.Host.Http();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/desk/api/tickets/{ticketId}")).StatusCode);
    }

    [Fact]
    public async Task A_desk_user_of_another_tenant_gets_404_for_the_ticket_and_an_empty_inbox()
    {
        await using var customer = await DirectLineTestClient.StartAsync(fixture.Host);
        var ticketId = await HandOffAsync(customer);
        var other = new TenantId("outra-empresa");
        await fixture.Host.Services.GetRequiredService<IAgentDirectory>().UpsertAsync(new Agent(other, "ana", "Ana de Outra", SupportLevel.N3, [], 5), null);
        var user = new DeskUser(other, "ana", "Ana de Outra", DeskRole.Agent, "ana", "");
        await fixture.Host.Services.GetRequiredService<IDeskUserStore>().UpsertAsync(user with { PasswordHash = DeskSignIn.HashPassword(user, "outra-senha") });
        using var stranger = await DeskClient.SignInAsync(fixture.Host, "ana", other.Value, "outra-senha");

        using var read = await stranger.Http.GetAsync($"/desk/api/tickets/{ticketId}");
        using var accept = await stranger.PostAsync($"/desk/api/tickets/{ticketId}/accept");
        var inbox = await stranger.GetJsonAsync("/desk/api/inbox");

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, accept.StatusCode);
        Assert.Equal(0, inbox.GetProperty("queue").GetArrayLength());
    }

    [Fact]
    public async Task The_inbox_canned_responses_and_supervisor_view_answer_per_user()
    {
        await using var customer = await DirectLineTestClient.StartAsync(fixture.Host);
        var ticketId = await HandOffAsync(customer);
        using var ana = await DeskClient.SignInAsync(fixture.Host, "ana");
        using var sofia = await DeskClient.SignInAsync(fixture.Host, "sofia");

        var inbox = await ana.GetJsonAsync("/desk/api/inbox");
        Assert.Contains(inbox.GetProperty("queue").EnumerateArray(), t => t.GetProperty("id").GetInt64() == ticketId);
        Assert.True(inbox.GetProperty("feedPosition").GetInt64() > 0);

        var canned = await ana.GetJsonAsync($"/desk/api/canned-responses?ticketId={ticketId}");
        var greeting = canned.EnumerateArray().First().GetProperty("text").GetString();
        Assert.Equal("Olá, cliente! Sou Ana Souza e vou continuar o seu atendimento.", greeting);
        using var unknown = await ana.Http.GetAsync("/desk/api/canned-responses?ticketId=999999");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        using var forbidden = await ana.Http.GetAsync("/desk/api/supervisor");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        var overview = await sofia.GetJsonAsync("/desk/api/supervisor");
        Assert.Contains(overview.GetProperty("agents").EnumerateArray(), a => a.GetProperty("id").GetString() == "ana");
        Assert.Contains(overview.GetProperty("queues").EnumerateArray(), q => q.GetProperty("count").GetInt32() >= 1);
    }

    [Fact]
    public async Task A_desk_agent_sets_their_presence_with_the_csrf_token_and_the_supervisor_sees_it()
    {
        // Carla (N3) takes no N1 handoff of the other tests by push while she is briefly Away.
        using var carla = await DeskClient.SignInAsync(fixture.Host, "carla");
        using var sofia = await DeskClient.SignInAsync(fixture.Host, "sofia");

        using (var forged = await carla.PutAsync("/desk/api/presence", new { presence = "Away" }, withCsrf: false))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        }
        Assert.Equal("Offline", (await carla.GetJsonAsync("/desk/api/presence")).GetProperty("presence").GetString());
        using (var invalid = await carla.PutAsync("/desk/api/presence", new { presence = "Busy" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
            Assert.True((await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("presence", out _));
        }
        using (var away = await carla.PutAsync("/desk/api/presence", new { presence = "Away" }))
        {
            Assert.Equal(HttpStatusCode.OK, away.StatusCode);
            Assert.Equal("Away", (await away.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("presence").GetString());
        }
        Assert.Equal("Away", (await carla.GetJsonAsync("/desk/api/presence")).GetProperty("presence").GetString());
        var overview = await sofia.GetJsonAsync("/desk/api/supervisor");
        var row = overview.GetProperty("agents").EnumerateArray().Single(a => a.GetProperty("id").GetString() == "carla");
        Assert.Equal("Away", row.GetProperty("presence").GetString());

        // A supervisor without an agent has no presence to show or set.
        using (var none = await sofia.Http.GetAsync("/desk/api/presence"))
        {
            Assert.Equal(HttpStatusCode.NoContent, none.StatusCode);
        }
        using (var refused = await sofia.PutAsync("/desk/api/presence", new { presence = "Online" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
        using var offline = await carla.PutAsync("/desk/api/presence", new { presence = "Offline" });
        Assert.Equal(HttpStatusCode.OK, offline.StatusCode);
    }

    /// <summary>The customer asks for a person; the ticket the handoff opened.</summary>
    private async Task<long> HandOffAsync(DirectLineTestClient customer)
    {
        await customer.ExpectTextAsync("Como posso ajudar?");
        await customer.SendAsync("quero falar com um atendente");
        var protocol = await customer.ExpectTextAsync("Seu protocolo é");
        var number = System.Text.RegularExpressions.Regex.Match(protocol.Text!, @"protocolo é (\d+)").Groups[1].Value;
        var id = long.Parse(number, System.Globalization.CultureInfo.InvariantCulture);
        await Eventually.TrueAsync(async () => await fixture.Host.Services.GetRequiredService<ITicketStore>().GetAsync(TenantId.Default, new TicketId(id)) is not null,
            "the ticket of the handoff");
        return id;
    }
}
