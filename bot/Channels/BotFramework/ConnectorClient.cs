using System.Net.Http.Json;
using Atendimento.Bot.Activities;

namespace Atendimento.Bot.Channels.BotFramework;

/// <summary>The bot's side of the Bot Connector REST API v3 (specs §2.3), as the Emulator serves it.</summary>
public sealed class ConnectorClient(IHttpClientFactory httpClients)
{
    public const string HttpClientName = "bot-connector";

    public async Task SendAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken = default)
    {
        // Conversation and activity ids carry '|' (e.g. "...|livechat"): both segments must be escaped (specs §6.13).
        var path = $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities";
        if (activity.ReplyToId is { } replyTo)
        {
            path += "/" + Uri.EscapeDataString(replyTo);
        }
        var uri = new Uri(new Uri(serviceUrl.TrimEnd('/') + "/"), path);
        using var http = httpClients.CreateClient(HttpClientName);
        using var response = await http.PostAsJsonAsync(uri, activity, ActivityJson.Options, cancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
