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
        var issued = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.NotEqual(issued.GetProperty("conversationId").GetString(), (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("conversationId").GetString());
        Assert.Equal(3, issued.GetProperty("token").GetString()!.Split('.').Length);
    }
}
