using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Atendimento.Bot.Activities;
using Atendimento.Bot.Channels.DirectLine;
using Atendimento.Integration.Tests.Hosting;
using Atendimento.Testing;

namespace Atendimento.Integration.Tests.DirectLine;

/// <summary>
/// A Direct Line 3.0 client as DirectLineJS behaves: token from the page backend, POST /conversations, the
/// WebSocket stream for everything it receives, POST /activities with a clientActivityID for what it sends.
/// </summary>
public sealed class DirectLineTestClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly List<Activity> _received = [];
    private readonly HashSet<int> _consumed = [];
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly CancellationTokenSource _stop = new();
    private Task _receiving = Task.CompletedTask;
    private int _sent;

    private DirectLineTestClient(HttpClient http, ConversationResponse conversation)
    {
        Http = http;
        Conversation = conversation;
    }

    public HttpClient Http { get; }

    public ConversationResponse Conversation { get; }

    public int Heartbeats { get; private set; }

    /// <summary>How the server closed the stream, once it has.</summary>
    public WebSocketCloseStatus? CloseStatus { get; private set; }

    public string LastWatermark { get; private set; } = string.Empty;

    public static async Task<DirectLineTestClient> StartAsync(AtendimentoHost host)
    {
        using var backend = host.Http(AtendimentoHost.DirectLineSecret);
        using var generate = await backend.PostAsync(new Uri("/v3/directline/tokens/generate", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, generate.StatusCode);
        var token = (await generate.Content.ReadFromJsonAsync<ConversationResponse>())!.Token;

        var http = host.Http(token);
        using var start = await http.PostAsJsonAsync("/v3/directline/conversations", new { locale = "pt-BR" });
        Assert.Equal(HttpStatusCode.Created, start.StatusCode);
        var conversation = (await start.Content.ReadFromJsonAsync<ConversationResponse>())!;
        var client = new DirectLineTestClient(http, conversation);
        await client.ConnectAsync(new Uri(conversation.StreamUrl!));
        return client;
    }

    /// <summary>Posts a message as Web Chat does and returns the server id of its echo.</summary>
    public async Task<string> SendAsync(string text)
    {
        var activity = new
        {
            type = "message",
            text,
            channelId = "webchat",
            from = new { id = "ignored-by-server", role = "user" },
            locale = "pt-BR",
            channelData = new { clientActivityID = $"client-{Interlocked.Increment(ref _sent)}-{Guid.NewGuid():N}" },
        };
        using var response = await Http.PostAsJsonAsync($"/v3/directline/conversations/{Conversation.ConversationId}/activities", activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ResourceResponse>())!.Id;
    }

    /// <summary>Waits for an activity from the stream that matches and was not matched before.</summary>
    public async Task<Activity> ExpectAsync(Func<Activity, bool> match, string what, TimeSpan? timeout = null)
    {
        var patience = timeout ?? Eventually.DefaultPatience;
        var elapsed = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            lock (_received)
            {
                for (var i = 0; i < _received.Count; i++)
                {
                    if (!_consumed.Contains(i) && match(_received[i]))
                    {
                        _consumed.Add(i);
                        return _received[i];
                    }
                }
            }
            var left = patience - elapsed.Elapsed;
            if (left <= TimeSpan.Zero || !await _arrived.WaitAsync(left))
            {
                throw new TimeoutException($"Did not receive {what}. Received: {Describe()}");
            }
        }
    }

    public Task<Activity> ExpectTextAsync(string fragment) =>
        ExpectAsync(a => a.Type == ActivityTypes.Message && a.Text?.Contains(fragment, StringComparison.Ordinal) == true, $"a message containing '{fragment}'");

    public IReadOnlyList<Activity> Received
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Only our close frame: CloseAsync would also receive, racing the receive loop on the same socket. The loop
        // reads the server's answer and ends; cancelling is the fallback when none comes.
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "test done", CancellationToken.None);
            }
            catch (WebSocketException)
            {
                // The server closed first.
            }
        }
        await Task.WhenAny(_receiving, Task.Delay(TimeSpan.FromSeconds(2)));
        await _stop.CancelAsync();
        await _receiving;
        _socket.Dispose();
        Http.Dispose();
        _stop.Dispose();
    }

    private async Task ConnectAsync(Uri streamUrl)
    {
        await _socket.ConnectAsync(streamUrl, CancellationToken.None);
        _receiving = ReceiveAsync();
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                using var frame = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer, _stop.Token);
                    frame.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    CloseStatus = result.CloseStatus;
                    return;
                }
                Accept(Encoding.UTF8.GetString(frame.ToArray()));
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
            // The test is over or the server closed the stream.
        }
    }

    private void Accept(string text)
    {
        if (text.Length == 0)
        {
            Heartbeats++;
            return;
        }
        var set = JsonSerializer.Deserialize<ActivitySet>(text, ActivityJson.Options)!;
        lock (_received)
        {
            _received.AddRange(set.Activities);
            LastWatermark = set.Watermark;
        }
        _arrived.Release(set.Activities.Count);
    }

    private string Describe()
    {
        lock (_received)
        {
            return string.Join(" | ", _received.Select(a => $"{a.Type}:{a.Name}:{a.Text}"));
        }
    }
}
