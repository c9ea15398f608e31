using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Atendimento.Integration.Tests.Hosting;
using Atendimento.Routing.Desk.Identity;
using Atendimento.Testing;

namespace Atendimento.Integration.Tests.Desk;

/// <summary>
/// Desk sign-in over HTTP on two instances sharing one PostgreSQL: the session cookie and its CSRF token issued
/// by one instance work on the other, changes need the token, and bad input gets a ProblemDetails answer.
/// </summary>
public sealed class DeskSessionTests : IAsyncLifetime
{
    private const string Password = "dev-desk-password";
    private TwoHosts _hosts = null!;

    public async Task InitializeAsync()
    {
        _hosts = await TwoHosts.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _hosts.DisposeAsync();
    }

    [Fact]
    public async Task A_session_opened_on_one_instance_is_known_on_the_other_and_its_cookie_is_http_only_and_strict()
    {
        var cookies = new CookieContainer();
        using var first = Browser(_hosts.First, cookies);
        using var second = Browser(_hosts.Second, cookies);

        using var signIn = await first.PostAsJsonAsync("/desk/api/session", new { userName = "Sofia", password = Password });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        var setCookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(DeskAuthentication.CookieName + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);

        var session = await second.GetFromJsonAsync<DeskSession>("/desk/api/session");
        Assert.Equal(("default", "sofia", "Sofia Ramos", "Supervisor"), (session!.Tenant, session.UserName, session.DisplayName, session.Role));
    }

    [Fact]
    public async Task Signing_out_needs_the_csrf_token_and_then_the_session_is_gone()
    {
        var cookies = new CookieContainer();
        using var first = Browser(_hosts.First, cookies);
        using var second = Browser(_hosts.Second, cookies);
        using var signIn = await first.PostAsJsonAsync("/desk/api/session", new { userName = "ana", password = Password });
        var session = (await signIn.Content.ReadFromJsonAsync<DeskSession>())!;
        Assert.Equal(("ana", "Agent"), (session.AgentId, session.Role));

        using var forged = await second.DeleteAsync("/desk/api/session");
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal("Missing or invalid CSRF token", await TitleAsync(forged));
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/desk/api/session")).StatusCode);

        using var signOut = new HttpRequestMessage(HttpMethod.Delete, "/desk/api/session");
        signOut.Headers.Add(DeskAuthentication.CsrfHeader, session.CsrfToken);
        Assert.Equal(HttpStatusCode.NoContent, (await second.SendAsync(signOut)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await first.GetAsync("/desk/api/session")).StatusCode);
    }

    [Theory]
    [InlineData("ana", "senha-errada")]
    [InlineData("ninguem", Password)]
    public async Task Wrong_credentials_get_one_401_answer_and_no_session(string userName, string password)
    {
        var cookies = new CookieContainer();
        using var browser = Browser(_hosts.First, cookies);

        using var response = await browser.PostAsJsonAsync("/desk/api/session", new { userName, password });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Invalid user name or password", await TitleAsync(response));
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/desk/api/session")).StatusCode);
    }

    [Fact]
    public async Task A_sign_in_without_user_name_or_password_is_a_400_with_field_errors()
    {
        using var browser = Browser(_hosts.First, new CookieContainer());

        using var response = await browser.PostAsJsonAsync("/desk/api/session", new { tenant = "default" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = problem.RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("userName", out _) && errors.TryGetProperty("password", out _), errors.ToString());
    }

    [Fact]
    public async Task Repeated_wrong_passwords_are_refused_with_429_and_retry_after()
    {
        using var browser = Browser(_hosts.First, new CookieContainer());
        for (var i = 0; i < SignInThrottle.MaxFailures; i++)
        {
            using var wrong = await browser.PostAsJsonAsync("/desk/api/session", new { userName = "bruno", password = "chute-" + i });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using var blocked = await browser.PostAsJsonAsync("/desk/api/session", new { userName = "bruno", password = Password });

        Assert.Equal((HttpStatusCode)429, blocked.StatusCode);
        Assert.True(blocked.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    private static HttpClient Browser(AtendimentoHost host, CookieContainer cookies) =>
        new(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    private static async Task<string?> TitleAsync(HttpResponseMessage response)
    {
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.GetProperty("title").GetString();
    }
}
