using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Atendimento.Integration.Tests.Hosting;
using Atendimento.Routing.Desk.Identity;

namespace Atendimento.Integration.Tests.Desk;

/// <summary>A desk user over HTTP as the page works: the session cookie, and the CSRF token on every change.</summary>
internal sealed class DeskClient : IDisposable
{
    public const string Password = "dev-desk-password";

    private DeskClient(HttpClient http, DeskSession session) => (Http, Session) = (http, session);

    public HttpClient Http { get; }

    public DeskSession Session { get; }

    public static async Task<DeskClient> SignInAsync(AtendimentoHost host, string userName, string? tenant = null, string password = Password)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = host.BaseAddress };
        using var response = await http.PostAsJsonAsync("/desk/api/session", new { tenant, userName, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new DeskClient(http, (await response.Content.ReadFromJsonAsync<DeskSession>())!);
    }

    /// <summary>A POST with the session's CSRF token (or without it, to test the refusal).</summary>
    public Task<HttpResponseMessage> PostAsync(string path, object? body = null, bool withCsrf = true) =>
        SendAsync(HttpMethod.Post, path, body, withCsrf);

    public Task<HttpResponseMessage> PutAsync(string path, object? body = null, bool withCsrf = true) =>
        SendAsync(HttpMethod.Put, path, body, withCsrf);

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body, bool withCsrf)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body ?? new { }) };
        if (withCsrf)
        {
            request.Headers.Add(DeskAuthentication.CsrfHeader, Session.CsrfToken);
        }
        return await Http.SendAsync(request);
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public void Dispose() => Http.Dispose();
}
