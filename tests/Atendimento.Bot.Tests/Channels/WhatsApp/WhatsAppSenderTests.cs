using System.Net;
using System.Text.Json.Nodes;
using Atendimento.Bot.Activities;
using Atendimento.Bot.Channels.WhatsApp;
using Atendimento.Bot.Conversations;
using Atendimento.Handoff;
using Atendimento.Platform.Tenancy;
using Atendimento.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Atendimento.Routing.Delivery;
using Atendimento.Routing.Tickets;

namespace Atendimento.Bot.Tests.Channels.WhatsApp;

/// <summary>The sender against an in-process Graph API: outbox first, retries only what is retryable, dead letters, the window.</summary>
public sealed class WhatsAppSenderTests : IDisposable
{
    private const string Customer = "5511999990000";
    private static readonly TenantId Loja = new("loja");
    private readonly FakeTimeProvider _clock = new();
    private readonly StubGraphHandler _graph = new();
    private readonly InMemoryWhatsAppOutbox _outbox = new();
    private readonly List<GraphSendPipelines> _pipelines = [];
    private readonly InMemoryTicketMessageDeliveries _ticketLines = new();
    private readonly TicketDeliveryReports _tickets;
    private readonly WhatsAppSender _sender;
    private WhatsAppDelivery _delivery = null!;

    public WhatsAppSenderTests()
    {
        _tickets = new TicketDeliveryReports(_ticketLines, _clock);
        _sender = Sender(breakerMinimumThroughput: 100);
    }

    [Fact]
    public async Task A_message_is_posted_with_the_bearer_token_and_its_wamid_recorded()
    {
        var activity = Message("Olá!");
        await _sender.SendAsync(Conversation(), [activity]);

        var (uri, authorization, body) = Assert.Single(_graph.Requests);
        Assert.Equal("https://graph.example.test/v23.0/106540352242922/messages", uri.ToString());
        Assert.Equal("Bearer token-x", authorization);
        Assert.Equal(Customer, body["to"]!.GetValue<string>());
        var stored = await _outbox.GetAsync(new TenantId("loja"), activity.Id + ":0");
        Assert.Equal((DeliveryState.Sent, "wamid.STUB1"), (stored!.State, stored.Wamid));
    }

    [Fact]
    public async Task An_outbox_sent_again_sends_nothing_twice_and_events_are_not_sent()
    {
        var message = Message("Olá!");
        var handoff = new Activity { Type = ActivityTypes.Event, Id = "evt-1", Name = "handoff.initiate" };

        await _sender.SendAsync(Conversation(), [message, handoff]);
        await _sender.SendAsync(Conversation(), [message, handoff]);

        Assert.Single(_graph.Requests);
    }

    [Fact]
    public async Task A_rate_limit_is_retried_and_the_message_goes_out_once()
    {
        _graph.ThenError(HttpStatusCode.BadRequest, 130429, retryAfter: TimeSpan.Zero);
        var activity = Message("Olá!");

        await _sender.SendAsync(Conversation(), [activity]);

        Assert.Equal(2, _graph.Requests.Count);
        Assert.Equal(DeliveryState.Sent, (await _outbox.GetAsync(new TenantId("loja"), activity.Id + ":0"))!.State);
    }

    [Fact]
    public async Task A_permanent_error_is_a_dead_letter_without_retries_and_the_next_message_still_goes()
    {
        _graph.ThenError(HttpStatusCode.BadRequest, 131026);
        var first = Message("um");
        var second = Message("dois");

        await _sender.SendAsync(Conversation(), [first, second]);

        Assert.Equal(2, _graph.Requests.Count);
        var dead = await _outbox.GetAsync(new TenantId("loja"), first.Id + ":0");
        Assert.Equal((DeliveryState.Failed, 131026), (dead!.State, dead.ErrorCode));
        Assert.Equal(DeliveryState.Sent, (await _outbox.GetAsync(new TenantId("loja"), second.Id + ":0"))!.State);
    }

    [Fact]
    public async Task Retryable_failures_beyond_the_retries_leave_the_message_queued_until_the_dispatcher_sends_it()
    {
        _graph.ThenError(HttpStatusCode.ServiceUnavailable, 2);
        _graph.ThenThrow();
        _graph.ThenError(HttpStatusCode.InternalServerError, 131000);
        var activity = Message("Olá!");

        await _sender.SendAsync(Conversation(), [activity]);

        Assert.Equal(3, _graph.Requests.Count);
        var queued = await _outbox.GetAsync(Loja, activity.Id + ":0");
        Assert.Equal((DeliveryState.Queued, 1, 131000), (queued!.State, queued.Attempts, queued.ErrorCode));
        Assert.Equal(0, await Dispatcher().DispatchAsync());
        _clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(1, await Dispatcher().DispatchAsync());
        Assert.Equal(DeliveryState.Sent, (await _outbox.GetAsync(Loja, activity.Id + ":0"))!.State);
        Assert.Equal(4, _graph.Requests.Count);
    }

    [Fact]
    public async Task After_the_last_attempt_a_retryable_failure_is_a_dead_letter_with_its_code()
    {
        for (var i = 0; i < 6; i++)
        {
            _graph.ThenError(HttpStatusCode.BadGateway, 131016);
        }
        var activity = Message("Olá!");

        await _sender.SendAsync(Conversation(), [activity]);
        _clock.Advance(TimeSpan.FromSeconds(5));
        await Dispatcher().DispatchAsync();

        var dead = await _outbox.GetAsync(Loja, activity.Id + ":0");
        Assert.Equal((DeliveryState.Failed, 131016, true, 6), (dead!.State, dead.ErrorCode, dead.DeadLetter, _graph.Requests.Count));
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await Dispatcher().DispatchAsync());
    }

    [Fact]
    public async Task When_a_number_keeps_failing_its_circuit_opens_and_sends_stop_reaching_meta()
    {
        for (var i = 0; i < 3; i++)
        {
            _graph.ThenError(HttpStatusCode.ServiceUnavailable, 131016);
        }
        var sender = Sender(breakerMinimumThroughput: 2);
        await sender.SendAsync(Conversation(), [Message("um")]);
        var before = _graph.Requests.Count;

        var second = Message("dois");
        await sender.SendAsync(Conversation("5511999990001"), [second]);

        Assert.Equal(before, _graph.Requests.Count);
        Assert.Equal((DeliveryState.Queued, 1), ((await _outbox.GetAsync(Loja, second.Id + ":0"))!.State, (await _outbox.GetAsync(Loja, second.Id + ":0"))!.Attempts));
    }

    [Fact]
    public async Task One_customers_pair_limit_holds_back_only_that_customer_in_order_and_does_not_open_the_circuit()
    {
        var sender = Sender(breakerMinimumThroughput: 2);
        for (var i = 0; i < 3; i++)
        {
            _graph.ThenError(HttpStatusCode.BadRequest, 131056);
        }
        var (first, second) = (Message("um"), Message("dois"));
        await sender.SendAsync(Conversation(), [first, second]);

        await sender.SendAsync(Conversation("5511999990001"), [Message("outro cliente")]);

        Assert.Equal(4, _graph.Requests.Count);
        Assert.Equal("5511999990001", _graph.Requests[^1].Body["to"]!.GetValue<string>());
        _clock.Advance(TimeSpan.FromSeconds(5));
        await Dispatcher().DispatchAsync();
        await Dispatcher().DispatchAsync();
        Assert.Equal(["um", "dois"], _graph.Requests.Skip(4).Select(r => r.Body["text"]!["body"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Outside_the_24_hour_window_free_text_is_not_sent_and_is_recorded_as_131047()
    {
        var conversation = Conversation();
        _clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        var activity = Message("Ainda está aí?");

        await _sender.SendAsync(conversation, [activity]);

        Assert.Empty(_graph.Requests);
        var stored = await _outbox.GetAsync(Loja, activity.Id + ":0");
        Assert.Equal((DeliveryState.Failed, 131047), (stored!.State, stored.ErrorCode));
    }

    [Fact]
    public async Task Outside_the_window_the_configured_template_goes_once_instead_with_the_ticket_number()
    {
        var sender = Sender(100, new WhatsAppTemplateOptions { TenantId = "loja", Name = "retomar_atendimento", Language = "pt_BR", BodyParameters = ["{ticket}"] });
        var conversation = Conversation() with { ActiveTicketId = 4711 };
        _clock.Advance(TimeSpan.FromHours(25));
        var (first, second) = (Message("Ainda está aí?"), Message("Posso ajudar?"));

        await sender.SendAsync(conversation, [first, second]);

        var (_, _, body) = Assert.Single(_graph.Requests);
        Assert.Equal(("template", "retomar_atendimento", "pt_BR", "4711"), (body["type"]!.GetValue<string>(), body["template"]!["name"]!.GetValue<string>(),
            body["template"]!["language"]!["code"]!.GetValue<string>(), body["template"]!["components"]![0]!["parameters"]![0]!["text"]!.GetValue<string>()));
        Assert.Equal(DeliveryState.Failed, (await _outbox.GetAsync(Loja, second.Id + ":0"))!.State);
        Assert.Equal(DeliveryState.Sent, (await _outbox.GetAsync(Loja, first.Id + ":template"))!.State);
    }

    [Fact]
    public async Task An_agents_message_reports_sent_on_its_ticket_line_and_a_closed_window_reports_131047()
    {
        var (ticket, conversation) = (new TicketId(42), Conversation());
        await _sender.SendAsync(conversation, [AgentMessage(ticket, 3, "Olá, sou a Ana.")]);
        _clock.Advance(TimeSpan.FromHours(25));
        await _sender.SendAsync(conversation, [AgentMessage(ticket, 5, "Ainda precisa de ajuda?")]);

        var lines = await _ticketLines.ForTicketAsync(Loja, ticket);
        Assert.Equal(MessageDeliveryState.Sent, lines[3].State);
        Assert.Equal((MessageDeliveryState.Failed, 131047, "24-hour window closed"), (lines[5].State, lines[5].ErrorCode, lines[5].ErrorTitle));
    }

    private static Activity AgentMessage(TicketId ticket, long sequence, string text) =>
        TicketMessageLink.Attach(Message(text), new TicketMessage(ticket, sequence, MessageAuthor.Agent, "ana", text, DateTimeOffset.UnixEpoch));

    public void Dispose()
    {
        _pipelines.ForEach(p => p.Dispose());
        _graph.Dispose();
    }

    private WhatsAppSender Sender(int breakerMinimumThroughput, WhatsAppTemplateOptions? template = null)
    {
        var options = Options.Create(new WhatsAppOptions
        {
            GraphBaseUrl = "https://graph.example.test",
            GraphApiVersion = "v23.0",
            Resilience = new()
            {
                RetryAttempts = 2, RetryBaseDelayMilliseconds = 1, MaxRetryAfterSeconds = 0, BreakerMinimumThroughput = breakerMinimumThroughput,
                BreakerFailureRatio = 0.5, MaxSendAttempts = 2, RedeliveryBaseDelaySeconds = 5,
            },
            Numbers = [new() { TenantId = "loja", PhoneNumberId = "106540352242922", VerifyToken = "v", AppSecret = "s", AccessToken = "token-x" }],
            WindowClosedTemplates = template is null ? [] : [template],
        });
        var pipelines = new GraphSendPipelines(options, TimeProvider.System);
        _pipelines.Add(pipelines);
        _delivery = new WhatsAppDelivery(_outbox, new GraphApiClient(_graph, options), pipelines, new InMemoryWhatsAppSendRate(80), _tickets, options, _clock,
            NullLogger<WhatsAppDelivery>.Instance);
        return new WhatsAppSender(_outbox, _delivery, _tickets, new WhatsAppOutboxSignal(), options, _clock, NullLogger<WhatsAppSender>.Instance);
    }

    private WhatsAppOutboxDispatcher Dispatcher() => new(_outbox, _delivery, new WhatsAppOutboxSignal(),
        Options.Create(new WhatsAppOptions()), _clock, NullLogger<WhatsAppOutboxDispatcher>.Instance);

    private ConversationState Conversation(string customer = Customer) => new()
    {
        TenantId = Loja,
        Id = "whatsapp:" + customer,
        Channel = "whatsapp",
        Address = new ChannelAddress(customer, new ChannelAccount("106540352242922"), new ChannelAccount(customer), null, "pt-BR"),
        Transcript = [new TranscriptEntry(TranscriptRole.Customer, "oi", _clock.GetUtcNow())],
    };

    private static Activity Message(string text) => new()
    {
        Type = ActivityTypes.Message,
        Id = Guid.NewGuid().ToString("N"),
        Text = text,
        Value = JsonValue.Create("x"),
    };
}
