using System.Net;
using System.Net.Http.Json;
using Atendimento.Routing.Api;
using Atendimento.Testing;

namespace Atendimento.Integration.Tests.Api;

/// <summary>The agent API as an agent's tool would call it, asserting the happy status codes on the way.</summary>
public sealed class AgentApiClient(HttpClient http) : IDisposable
{
    public async Task<IReadOnlyList<TicketResponse>> ListAsync(string? status = null)
    {
        var list = await http.GetFromJsonAsync<TicketListResponse>(status is null ? "/api/v1/tickets" : $"/api/v1/tickets?status={status}");
        return list!.Items;
    }

    public async Task<TicketResponse> GetAsync(long id) => (await http.GetFromJsonAsync<TicketResponse>($"/api/v1/tickets/{id}"))!;

    public async Task<IReadOnlyList<TicketMessageResponse>> MessagesAsync(long id) =>
        (await http.GetFromJsonAsync<TicketMessagesResponse>($"/api/v1/tickets/{id}/messages"))!.Items;

    public Task<TicketResponse> AcceptAsync(long id) => PostAsync($"/api/v1/tickets/{id}/accept");

    public Task<TicketResponse> ResolveAsync(long id) => PostAsync($"/api/v1/tickets/{id}/resolve");

    public async Task<TicketMessageResponse> ReplyAsync(long id, string text)
    {
        using var response = await http.PostAsJsonAsync($"/api/v1/tickets/{id}/messages", new { text });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<TicketMessageResponse>())!;
    }

    /// <summary>Polls briefly: the ticket is written inside the customer's turn, which the test does not await.</summary>
    public async Task<TicketResponse> WaitForOpenTicketAsync(Func<TicketResponse, bool>? match = null)
    {
        TicketResponse? found = null;
        await Eventually.TrueAsync(async () => (found = (await ListAsync("Open")).FirstOrDefault(t => match?.Invoke(t) ?? true)) is not null, "an open ticket");
        return found!;
    }

    public void Dispose() => http.Dispose();

    private async Task<TicketResponse> PostAsync(string path)
    {
        using var response = await http.PostAsync(new Uri(path, UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<TicketResponse>())!;
    }
}
