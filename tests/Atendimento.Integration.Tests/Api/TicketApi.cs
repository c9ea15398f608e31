using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Atendimento.Bot.Activities;
using Atendimento.Integration.Tests.DirectLine;
using Atendimento.Integration.Tests.Hosting;
using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Agents;
using Atendimento.Routing.Api;
using Atendimento.Routing.Tickets;
using Microsoft.Extensions.DependencyInjection;

namespace Atendimento.Integration.Tests.Api;

/// <summary>
/// Ticket operations as raw HTTP calls (so tests can assert any status), plus seeding straight into the host's
/// store: each test opens its own tickets on fresh conversation references, so tests sharing a host do not meet.
/// </summary>
public sealed class TicketApi(AtendimentoHost host, string apiKey) : IDisposable
{
    public const string BrunoKey = "dev-agent-bruno";
    public const string CarlaKey = "dev-agent-carla";

    private readonly HttpClient _http = host.Http(apiKey);

    public HttpClient Http => _http;

    public Task<HttpResponseMessage> PostAsync(long id, string operation, object? body = null) => body is null
        ? _http.PostAsync(new Uri($"/api/v1/tickets/{id}/{operation}", UriKind.Relative), null)
        : _http.PostAsJsonAsync($"/api/v1/tickets/{id}/{operation}", body);

    /// <summary>Posts and asserts 200, returning the changed ticket.</summary>
    public async Task<TicketResponse> OkAsync(long id, string operation, object? body = null)
    {
        using var response = await PostAsync(id, operation, body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{operation}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<TicketResponse>())!;
    }

    public async Task<TicketResponse> GetAsync(long id) => (await _http.GetFromJsonAsync<TicketResponse>($"/api/v1/tickets/{id}"))!;

    public async Task<IReadOnlyList<TicketAuditEntryResponse>> AuditAsync(long id) =>
        (await _http.GetFromJsonAsync<TicketAuditResponse>($"/api/v1/tickets/{id}/audit"))!.Items;

    public async Task<TicketListResponse> ListAsync(string query) => (await _http.GetFromJsonAsync<TicketListResponse>($"/api/v1/tickets?{query}"))!;

    public async Task<long> OpenAsync(SupportLevel level = SupportLevel.N1, string? customer = null, TenantId? tenant = null, string queue = "atendimento-geral")
    {
        using var handoff = JsonDocument.Parse("""{"reasonCode":"explicit_request"}""");
        var request = new NewTicket(tenant ?? TenantId.Default, $"test:{Guid.NewGuid():N}", "directline", "Maria", level, queue, ["geral"],
            "explicit_request", handoff.RootElement.Clone(), TimeProvider.System.GetUtcNow(), CustomerRef: customer);
        return (await Store.OpenAsync(request, [])).Ticket.Id.Value;
    }

    /// <summary>A customer on Direct Line who asked for a person; the ticket is the conversation's, so accept and resolve can notify it.</summary>
    public async Task<(DirectLineTestClient Customer, long TicketId)> HandedOffAsync()
    {
        var customer = await DirectLineTestClient.StartAsync(host);
        await customer.SendAsync("quero falar com um atendente");
        var initiate = await customer.ExpectAsync(a => a.Type == ActivityTypes.Event && a.Name == "handoff.initiate", "the handoff.initiate event");
        return (customer, initiate.Value!["ticketId"]!.GetValue<long>());
    }

    /// <summary>A ticket accepted by <paramref name="agentId"/> and resolved <paramref name="ago"/>, for the reopen window.</summary>
    public async Task<long> ResolvedAsync(string agentId, TimeSpan ago)
    {
        var id = await OpenAsync();
        var ticket = (await Store.GetAsync(TenantId.Default, new TicketId(id)))!;
        var then = TimeProvider.System.GetUtcNow() - ago;
        Assert.True(ticket.Accept(agentId, then).Succeeded);
        Assert.True(ticket.Resolve(agentId, then).Succeeded);
        Assert.True(await Store.SaveAsync(ticket));
        return id;
    }

    /// <summary>Adds an agent (with <paramref name="key"/>) to <paramref name="tenant"/>.</summary>
    public Task AddAgentAsync(TenantId tenant, string agentId, SupportLevel level, string key) =>
        host.Services.GetRequiredService<IAgentDirectory>().UpsertAsync(new Agent(tenant, agentId, agentId, level, [], 3), key);

    public void Dispose() => _http.Dispose();

    private ITicketStore Store => host.Services.GetRequiredService<ITicketStore>();

    /// <summary>Asserts a ProblemDetails answer of <paramref name="status"/> and returns its body.</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        using (response)
        {
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
            return problem;
        }
    }

    /// <summary>Asserts a 400 ValidationProblem naming <paramref name="field"/> and returns that field's first message.</summary>
    public static async Task<string> FieldErrorAsync(HttpResponseMessage response, string field)
    {
        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        return problem.GetProperty("errors").GetProperty(field)[0].GetString()!;
    }
}
