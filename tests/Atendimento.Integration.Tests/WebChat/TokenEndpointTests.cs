using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Atendimento.Integration.Tests.Hosting;

namespace Atendimento.Integration.Tests.WebChat;

/// <summary>The page's public token endpoint: one conversation per call, so it is bounded per client address.</summary>
public sealed class TokenEndpointTests
{
    [Fact]
    public async Task Tokens_past_the_per_address_limit_are_refused_with_429()
    {
        await using var host = AtendimentoHost.Start(postgres: null, redis: null, new Dictionary<string, string?> { ["WebChat:TokensPerMinutePerAddress"] = "2" });
        using var http = host.Http();

        using var first = await http.PostAsync(new Uri("/webchat/token", UriKind.Relative), null);
        using var second = await http.PostAsync(new Uri("/webchat/token", UriKind.Relative), null);
        using var third = await http.PostAsync(new Uri("/webchat/token", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(60), third.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", third.Content.Headers.ContentType?.MediaType);
        var issued = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.NotEqual(issued.GetProperty("conversationId").GetString(), (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("conversationId").GetString());
        Assert.Equal(3, issued.GetProperty("token").GetString()!.Split('.').Length);
    }

    [Fact]
    public async Task Behind_a_proxy_the_stream_url_uses_the_configured_public_address()
    {
        await using var host = AtendimentoHost.Start(postgres: null, redis: null, new Dictionary<string, string?> { ["DirectLine:PublicBaseUrl"] = "https://chat.example.com/atendimento" });
        using var backend = host.Http(AtendimentoHost.DirectLineSecret);

        using var started = await backend.PostAsync(new Uri("/v3/directline/conversations", UriKind.Relative), null);

        var body = await started.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("wss://chat.example.com/atendimento/v3/directline/conversations/", body.GetProperty("streamUrl").GetString(), StringComparison.Ordinal);
    }
}
