using Atendimento.Bot.Activities;
using Atendimento.Bot.Channels.WhatsApp;
using Atendimento.Bot.Conversations;
using Atendimento.Bot.Dialogs;
using Atendimento.Bot.Tests.Harness;
using Atendimento.Handoff;
using Atendimento.Platform;
using Atendimento.Platform.Tenancy;
using Atendimento.Routing;
using Atendimento.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Atendimento.Bot.Tests.Channels.WhatsApp;

/// <summary>The inbox processor with the real bot (embedded stores, fake clock) and a recording "whatsapp" channel.</summary>
public sealed class WhatsAppInboxProcessorTests : IAsyncDisposable
{
    private const string Customer = WhatsAppFixtures.Customer;
    private readonly FakeTimeProvider _clock = new();
    private readonly FlakyWhatsAppChannel _channel = new();
    private readonly InMemoryWhatsAppInbox _inbox = new();
    private readonly InMemoryWhatsAppOutbox _outbox = new();
    private readonly ServiceProvider _services;
    private readonly StubGraphHandler _graph = new();
    private readonly GraphSendPipelines _pipelines;
    private readonly WhatsAppInboxProcessor _processor;

    public WhatsAppInboxProcessorTests()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"{DialogOptions.Section}:Directory"] = RepositoryRoot.Dialogs })
            .Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(_clock)
            .AddSingleton<IHostEnvironment>(new ConversationHarness.TestHostEnvironment(RepositoryRoot.Path))
            .AddSingleton<IChannelSender>(_channel);
        services.AddPlatform(configuration).AddTicketRouting(configuration).AddHandoff().AddBot(configuration);
        _services = services.BuildServiceProvider();
        var options = Options.Create(new WhatsAppOptions
        {
            InboxLeaseSeconds = 60, InboxMaxAttempts = 3, ConversationIdKey = WhatsAppFixtures.ConversationIdKey, GraphBaseUrl = "https://graph.example.test",
            Numbers = [new() { TenantId = "default", PhoneNumberId = WhatsAppFixtures.PhoneNumberId, VerifyToken = "v", AppSecret = "s", AccessToken = "t" }],
        });
        _pipelines = new GraphSendPipelines(options, TimeProvider.System);
        var tickets = new TicketDeliveryReports(_services.GetRequiredService<Atendimento.Routing.Delivery.ITicketMessageDeliveries>(), _clock);
        var delivery = new WhatsAppDelivery(_outbox, new GraphApiClient(_graph, options), _pipelines, new InMemoryWhatsAppSendRate(80), tickets, options,
            _clock, NullLogger<WhatsAppDelivery>.Instance);
        _processor = new WhatsAppInboxProcessor(_inbox, _outbox, tickets, new WhatsAppReadReceipts(_outbox, delivery, new WhatsAppOutboxSignal(), _clock),
            _services.GetRequiredService<ConversationTurnProcessor>(),
            new WhatsAppInboxSignal(), options, _clock, _services.GetRequiredService<Microsoft.Extensions.Logging.ILogger<WhatsAppInboxProcessor>>());
    }

    [Fact]
    public async Task Each_message_of_a_batch_is_a_turn_in_timestamp_order()
    {
        await AcceptAsync("15_batch_contacts_reversed");

        await _processor.DrainAsync();

        Assert.Equal(0, await _inbox.CountPendingAsync());
        Assert.Equal(["wamid.A", "wamid.B"], _channel.RepliesTo(Customer).Select(a => a.ReplyToId).Distinct());
        Assert.Equal(["wamid.C"], _channel.RepliesTo("5511988887777").Select(a => a.ReplyToId).Distinct());
    }

    [Fact]
    public async Task The_same_message_accepted_twice_is_one_turn()
    {
        await AcceptAsync("01_text");
        await AcceptAsync("01_text");

        await _processor.DrainAsync();

        var replies = _channel.RepliesTo(Customer);
        Assert.NotEmpty(replies);
        await AcceptAsync("01_text");
        _clock.Advance(TimeSpan.FromDays(1));
        await _processor.DrainAsync();
        Assert.Equal(replies.Count, _channel.RepliesTo(Customer).Count);
    }

    [Fact]
    public async Task A_change_whose_replies_could_not_be_sent_stays_pending_and_is_answered_once_after_its_lease()
    {
        await AcceptAsync("01_text");
        _channel.FailNext = true;

        await _processor.DrainAsync();
        Assert.Equal(1, await _inbox.CountPendingAsync());
        Assert.Empty(_channel.RepliesTo(Customer));

        _clock.Advance(TimeSpan.FromSeconds(61));
        await _processor.DrainAsync();

        Assert.Equal(0, await _inbox.CountPendingAsync());
        var replies = _channel.RepliesTo(Customer);
        Assert.NotEmpty(replies);
        Assert.Equal(replies.Count, replies.Select(a => a.Id).Distinct().Count());
    }

    [Fact]
    public async Task A_change_that_keeps_failing_is_set_aside_after_the_last_attempt()
    {
        await _inbox.AcceptAsync([new InboxEntry(TenantId.Default, WhatsAppFixtures.PhoneNumberId, "[\"not an object\"]", _clock.GetUtcNow())]);

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            Assert.Equal(1, await _inbox.CountPendingAsync());
            Assert.Equal(1, await _processor.DrainAsync());
            _clock.Advance(TimeSpan.FromSeconds(61));
        }

        Assert.Equal(0, await _inbox.CountPendingAsync());
    }

    [Fact]
    public async Task Statuses_update_the_outbox_once_per_wamid_and_status()
    {
        await _outbox.AddAsync(new OutboundMessage(TenantId.Default, "act:0", WhatsAppFixtures.PhoneNumberId, "whatsapp:" + Customer, "{}", DeliveryState.Queued, null, null, _clock.GetUtcNow()));
        await _outbox.MarkSentAsync(TenantId.Default, "act:0", "wamid.SENT1", _clock.GetUtcNow());
        await AcceptAsync("19_status_failed_131047");
        await AcceptAsync("19_status_failed_131047");

        await _processor.DrainAsync();

        var stored = await _outbox.GetAsync(TenantId.Default, "act:0");
        Assert.Equal((DeliveryState.Failed, 131047), (stored!.State, stored.ErrorCode));
        Assert.True(await _inbox.WasHandledAsync(TenantId.Default, "status:wamid.SENT1:failed"));
    }

    [Fact]
    public async Task A_status_that_overtakes_the_send_answer_is_applied_once_the_wamid_is_stored()
    {
        await _outbox.AddAsync(new OutboundMessage(TenantId.Default, "act:0", WhatsAppFixtures.PhoneNumberId, "whatsapp:" + Customer, "{}", DeliveryState.Queued, null, null, _clock.GetUtcNow()));
        await AcceptAsync("19_status_failed_131047");

        await _processor.DrainAsync();
        Assert.Equal(1, await _inbox.CountPendingAsync());

        await _outbox.MarkSentAsync(TenantId.Default, "act:0", "wamid.SENT1", _clock.GetUtcNow());
        _clock.Advance(TimeSpan.FromSeconds(61));
        await _processor.DrainAsync();

        Assert.Equal(0, await _inbox.CountPendingAsync());
        Assert.Equal(DeliveryState.Failed, (await _outbox.GetAsync(TenantId.Default, "act:0"))!.State);
    }

    [Fact]
    public async Task A_status_for_a_message_we_never_sent_is_given_up_after_a_few_minutes()
    {
        await AcceptAsync("19_status_failed_131047");
        await _processor.DrainAsync();

        _clock.Advance(WhatsAppInboxProcessor.UnknownStatusPatience);
        await _processor.DrainAsync();

        Assert.Equal(0, await _inbox.CountPendingAsync());
    }

    [Fact]
    public async Task A_processed_message_is_marked_read_once_even_when_its_webhook_comes_again()
    {
        await AcceptAsync("01_text");
        await _processor.DrainAsync();
        await AcceptAsync("01_text");
        await _processor.DrainAsync();

        var (uri, _, body) = Assert.Single(_graph.Requests);
        Assert.EndsWith($"/{WhatsAppFixtures.PhoneNumberId}/messages", uri.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(("read", (string?)null), (body["status"]!.GetValue<string>(), body["to"]?.GetValue<string>()));
        Assert.StartsWith("wamid.", body["message_id"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        _pipelines.Dispose();
        _graph.Dispose();
        await _services.DisposeAsync();
    }

    private Task AcceptAsync(string fixture) => _inbox.AcceptAsync(
        [new InboxEntry(TenantId.Default, WhatsAppFixtures.PhoneNumberId, WhatsAppFixtures.Value(fixture).ToJsonString(), _clock.GetUtcNow())]);

    /// <summary>The "whatsapp" channel for these tests: records what the bot sends, and can refuse one send.</summary>
    private sealed class FlakyWhatsAppChannel : IChannelSender
    {
        private readonly Lock _gate = new();
        private readonly List<(string To, Activity Activity)> _sent = [];

        public bool FailNext { get; set; }

        public string Channel => InboundMessages.Channel;

        public List<Activity> RepliesTo(string customer)
        {
            lock (_gate)
            {
                return [.. _sent.Where(s => s.To == customer && s.Activity.Type == ActivityTypes.Message).Select(s => s.Activity)];
            }
        }

        public Task SendAsync(ConversationState conversation, IReadOnlyList<Activity> activities, CancellationToken cancellationToken = default)
        {
            lock (_gate)
            {
                if (FailNext)
                {
                    FailNext = false;
                    throw new HttpRequestException("Graph API unreachable");
                }
                _sent.AddRange(activities.Select(a => (conversation.Address.User!.Id, a)));
            }
            return Task.CompletedTask;
        }
    }
}
