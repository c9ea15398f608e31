using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using Atendimento.Platform.Messaging;
using Microsoft.Extensions.Options;

namespace Atendimento.Bot.Channels.DirectLine;

/// <summary>
/// The WebSocket stream of one conversation (specs §3.4): replays what follows the watermark, then sends each new
/// batch as an ActivitySet as soon as a wake-up arrives (from any instance, through the bus), and an empty
/// keep-alive frame when idle. Frames the client sends are read and ignored; a close from the client ends it.
/// </summary>
public sealed class DirectLineStream(
    IDirectLineStore store, IMessageBus bus, IOptions<DirectLineOptions> options, TimeProvider clock, IHostApplicationLifetime lifetime)
{
    private const int PageSize = 100;

    public async Task RunAsync(WebSocket socket, string conversationId, long watermark, CancellationToken aborted)
    {
        var wakeUps = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        await using var subscription = await bus.SubscribeAsync(DirectLineWakeUps.Topic(conversationId), _ =>
        {
            wakeUps.Writer.TryWrite(true);
            return Task.CompletedTask;
        }, aborted);
        // Two ends: the client's (it closes or drops, seen by the reader) and ours (the host stops). Cancelling a
        // pending receive aborts the socket, so the reader runs on the client's end only, and on ours the close
        // frame goes out first, then the reader gets the client's answer.
        using var clientGone = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        using var pumping = CancellationTokenSource.CreateLinkedTokenSource(clientGone.Token, lifetime.ApplicationStopping);
        // One send at a time on a WebSocket: the pump's frames and the reader's close reply share this gate.
        using var sending = new SemaphoreSlim(1, 1);
        var reading = DrainClientAsync(socket, sending, clientGone);
        try
        {
            await PumpAsync(socket, sending, conversationId, watermark, wakeUps.Reader, pumping.Token);
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
            // The client went away or the host is stopping; nothing to deliver any more.
        }
        finally
        {
            await SayGoodbyeAsync(socket, sending);
            await reading.WaitAsync(TimeSpan.FromSeconds(2), clock).ContinueWith(_ => { }, TaskScheduler.Default);
            await clientGone.CancelAsync();
            await reading;
        }
    }

    private async Task PumpAsync(WebSocket socket, SemaphoreSlim sending, string conversationId, long watermark, ChannelReader<bool> wakeUps, CancellationToken cancellationToken)
    {
        var heartbeat = TimeSpan.FromSeconds(options.Value.HeartbeatSeconds);
        // One wait for a wake-up lives across heartbeats: starting a new one per heartbeat would pile up waiters.
        Task<bool>? wakeUp = null;
        while (!cancellationToken.IsCancellationRequested && socket.State == WebSocketState.Open)
        {
            var page = await store.ReadAfterAsync(conversationId, watermark, PageSize, cancellationToken);
            if (page.Activities.Count > 0)
            {
                watermark = page.Watermark;
                var frame = new ActivitySet(page.Activities, watermark.ToString(System.Globalization.CultureInfo.InvariantCulture));
                await SendAsync(socket, sending, JsonSerializer.SerializeToUtf8Bytes(frame, Activities.ActivityJson.Options), cancellationToken);
                continue;
            }
            wakeUp ??= wakeUps.WaitToReadAsync(cancellationToken).AsTask();
            if (await Task.WhenAny(wakeUp, Task.Delay(heartbeat, clock, cancellationToken)) == wakeUp)
            {
                await wakeUp;
                wakeUp = null;
                wakeUps.TryRead(out _);
            }
            else
            {
                await SendAsync(socket, sending, [], cancellationToken);
            }
        }
    }

    /// <summary>A close frame when the server ends the stream (shutdown), so clients reconnect at once instead of timing out.</summary>
    private static async Task SayGoodbyeAsync(WebSocket socket, SemaphoreSlim sending)
    {
        if (socket.State != WebSocketState.Open)
        {
            return;
        }
        try
        {
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await sending.WaitAsync(patience.Token);
            try
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.EndpointUnavailable, "server stopping", patience.Token);
            }
            finally
            {
                sending.Release();
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
            // The client is gone already.
        }
    }

    private static async Task SendAsync(WebSocket socket, SemaphoreSlim sending, byte[] frame, CancellationToken cancellationToken)
    {
        await sending.WaitAsync(cancellationToken);
        try
        {
            await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            sending.Release();
        }
    }

    private static async Task DrainClientAsync(WebSocket socket, SemaphoreSlim sending, CancellationTokenSource closed)
    {
        var buffer = new byte[4096];
        try
        {
            while (!closed.IsCancellationRequested)
            {
                var received = await socket.ReceiveAsync(buffer, closed.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    // Bounded: a client that sends Close and then stops reading must not hold the stream open.
                    using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                    await sending.WaitAsync(patience.Token);
                    try
                    {
                        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "closed by client", patience.Token);
                    }
                    finally
                    {
                        sending.Release();
                    }
                    break;
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
            // Closing either way is fine: the stream's end is all that matters.
        }
        await closed.CancelAsync();
    }
}
