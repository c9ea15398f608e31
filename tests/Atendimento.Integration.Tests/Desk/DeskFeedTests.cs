using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Atendimento.Integration.Tests.Hosting;
using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Desk.Feed;
using Atendimento.Routing.Tickets;
using Atendimento.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Atendimento.Integration.Tests.Desk;

/// <summary>
/// The agents' live feed over Server-Sent Events with two instances on one PostgreSQL and Redis: an event written on
/// one instance reaches a stream held by the other, and a reconnect with Last-Event-ID shows what was missed once.
/// </summary>
public sealed class DeskFeedTests : IAsyncLifetime
{
    private TwoHosts _hosts = null!;
    private HttpClient _agent = null!;

    public async Task InitializeAsync()
    {
        _hosts = await TwoHosts.StartAsync();
        _agent = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = _hosts.Second.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        using var signIn = await _agent.PostAsJsonAsync("/desk/api/session", new { userName = "ana", password = "dev-desk-password" });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
    }

    public async Task DisposeAsync()
    {
        _agent.Dispose();
        await _hosts.DisposeAsync();
    }

    [Fact]
    public async Task An_event_written_on_one_instance_reaches_the_stream_on_the_other()
    {
        await using var stream = await EventStream.OpenAsync(_agent, lastEventId: null);

        var id = await PublishOnFirstAsync("ticket.created", 11);

        var received = await stream.NextAsync();
        Assert.Equal((id, "ticket.created", 11L), (received.Id, received.Kind, received.TicketId));
    }

    [Fact]
    public async Task After_a_dropped_connection_the_reconnect_shows_the_two_missed_events_once_each()
    {
        long lastSeen;
        await using (var stream = await EventStream.OpenAsync(_agent, lastEventId: null))
        {
            await PublishOnFirstAsync("ticket.created", 21);
            lastSeen = (await stream.NextAsync()).Id;
        }

        var missed = new[] { await PublishOnFirstAsync("ticket.message", 21), await PublishOnFirstAsync("ticket.message", 22) };

        await using var resumed = await EventStream.OpenAsync(_agent, lastSeen);
        long[] shown = [(await resumed.NextAsync()).Id, (await resumed.NextAsync()).Id];
        Assert.Equal(missed, shown);
        var sentinel = await PublishOnFirstAsync("sla.warning", 23);
        Assert.Equal(sentinel, (await resumed.NextAsync()).Id);
    }

    [Fact]
    public async Task An_agent_s_stream_skips_events_of_tickets_above_their_level_that_a_supervisor_s_stream_shows()
    {
        using var supervisor = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = _hosts.First.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        using (var signIn = await supervisor.PostAsJsonAsync("/desk/api/session", new { userName = "sofia", password = "dev-desk-password" }))
        {
            Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        }
        await using var anaStream = await EventStream.OpenAsync(_agent, lastEventId: null);
        await using var sofiaStream = await EventStream.OpenAsync(supervisor, lastEventId: null);

        var hidden = await PublishOnFirstAsync("ticket.opened", 31, new DeskAudience(SupportLevel.N3, "n3-ouvidoria", null));
        var shown = await PublishOnFirstAsync("ticket.opened", 32, new DeskAudience(SupportLevel.N1, "atendimento-geral", null));

        Assert.Equal(shown, (await anaStream.NextAsync()).Id);
        Assert.Equal([hidden, shown], [(await sofiaStream.NextAsync()).Id, (await sofiaStream.NextAsync()).Id]);
    }

    [Fact]
    public async Task Without_a_session_the_feed_is_401_and_a_bad_last_event_id_is_400()
    {
        using var anonymous = _hosts.Second.Http();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/desk/api/events")).StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/desk/api/events");
        request.Headers.Add("Last-Event-ID", "ontem");
        using var response = await _agent.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private Task<long> PublishOnFirstAsync(string kind, long ticketId, DeskAudience? audience = null) =>
        _hosts.First.Services.GetRequiredService<DeskFeed>().PublishAsync(TenantId.Default, kind, ticketId, "{}", null, audience);

    private sealed record FeedItem(long Id, string Kind, long TicketId);

    /// <summary>A Server-Sent Events reader: one frame per event, comments (heartbeats) skipped.</summary>
    private sealed class EventStream : IAsyncDisposable
    {
        private readonly HttpResponseMessage _response;
        private readonly StreamReader _reader;

        private EventStream(HttpResponseMessage response, StreamReader reader) => (_response, _reader) = (response, reader);

        public static async Task<EventStream> OpenAsync(HttpClient client, long? lastEventId)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/desk/api/events");
            if (lastEventId is { } id)
            {
                request.Headers.Add("Last-Event-ID", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
            return new EventStream(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
        }

        public async Task<FeedItem> NextAsync()
        {
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            string? data = null;
            while (true)
            {
                var line = await _reader.ReadLineAsync(patience.Token) ?? throw new InvalidOperationException("The feed ended.");
                if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    data = line["data: ".Length..];
                }
                else if (line.Length == 0 && data is not null)
                {
                    using var json = JsonDocument.Parse(data);
                    var root = json.RootElement;
                    return new FeedItem(root.GetProperty("id").GetInt64(), root.GetProperty("kind").GetString()!, root.GetProperty("ticketId").GetInt64());
                }
            }
        }

        public ValueTask DisposeAsync()
        {
            _reader.Dispose();
            _response.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
