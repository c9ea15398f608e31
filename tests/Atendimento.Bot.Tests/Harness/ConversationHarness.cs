using System.Runtime.CompilerServices;
using Atendimento.Bot.Activities;
using Atendimento.Bot.Conversations;
using Atendimento.Bot.Dialogs;
using Atendimento.Handoff;
using Atendimento.Platform;
using Atendimento.Platform.Tenancy;
using Atendimento.Routing;
using Atendimento.Routing.Agents;
using Atendimento.Routing.Tickets;
using Atendimento.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Atendimento.Bot.Tests.Harness;

/// <summary>
/// One customer talking to the real bot (embedded in-memory defaults, shipped dialogs, fake clock) on the "test"
/// channel. Steps chain and run in order when awaited: <c>await bot.Send("quero a segunda via").AssertReply(...)</c>.
/// Every assertion consumes the next activity the channel received, so nothing the customer saw goes unchecked.
/// </summary>
public sealed class ConversationHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly RecordingChannelSender _channel = new();
    private Task _chain = Task.CompletedTask;
    private int _read;
    private int _nextId;
    private Activity? _lastReply;

    /// <param name="conversationId">The channel's conversation id.</param>
    /// <param name="dialogs">A dialogs folder other than the shipped one.</param>
    /// <param name="settings">More configuration, such as <c>Dialogs:Backends:...</c>.</param>
    /// <param name="logs">Where the bot's logs go; none are kept without it.</param>
    public ConversationHarness(string conversationId = "conversa-1", string? dialogs = null, IReadOnlyDictionary<string, string?>? settings = null, ILoggerProvider? logs = null)
    {
        Address = new ChannelAddress(conversationId, new ChannelAccount("bot", "Lia", "bot"), new ChannelAccount("cliente-1", "Maria Oliveira", "user"), null, "pt-BR");
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"{DialogOptions.Section}:Directory"] = dialogs ?? RepositoryRoot.Dialogs, [$"{DialogOptions.Section}:Watch"] = "false" })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var services = new ServiceCollection()
            .AddLogging(builder =>
            {
                if (logs is not null)
                {
                    builder.SetMinimumLevel(LogLevel.Debug).AddProvider(logs);
                }
            })
            .AddSingleton<TimeProvider>(Clock)
            .AddSingleton<IHostEnvironment>(new TestHostEnvironment(RepositoryRoot.Path))
            .AddSingleton<IChannelSender>(_channel);
        services.AddPlatform(configuration).AddTicketRouting(configuration).AddHandoff().AddBot(configuration);
        _services = services.BuildServiceProvider();
    }

    public static Agent Ana => DevelopmentAgent("ana");

    public static Agent Bruno => DevelopmentAgent("bruno");

    public FakeTimeProvider Clock { get; } = new();

    public ChannelAddress Address { get; }

    public string ConversationId => ConversationState.IdFor(RecordingChannelSender.Name, Address.ConversationId);

    public BotPolicy Policy => Catalog.Current.Definition.Policy;

    public DialogCatalog Catalog => _services.GetRequiredService<DialogCatalog>();

    public ITicketStore Tickets => _services.GetRequiredService<ITicketStore>();

    public TicketService TicketService => _services.GetRequiredService<TicketService>();

    public IConversationStore Conversations => _services.GetRequiredService<IConversationStore>();

    public IBotResolutionLog BotResolutions => _services.GetRequiredService<IBotResolutionLog>();

    /// <summary>Everything the channel delivered to the customer so far: bot replies, events, and what agents wrote.</summary>
    public IReadOnlyList<Activity> Sent => _channel.Sent;

    public ConversationHarness Join() => Receive(Incoming(ActivityTypes.ConversationUpdate) with { MembersAdded = [Address.User!] });

    public ConversationHarness Send(string text, string? activityId = null) => Receive(Incoming(ActivityTypes.Message, activityId) with { Text = text });

    public ConversationHarness Receive(Activity activity) => Then(() =>
        _services.GetRequiredService<ConversationTurnProcessor>().ProcessAsync(new InboundActivity(TenantId.Default, RecordingChannelSender.Name, Address, activity)));

    /// <summary>The customer says nothing for <paramref name="silence"/>; then the inactivity sweep runs, as the watcher would.</summary>
    public ConversationHarness StaysSilentFor(TimeSpan silence) => Then(async () =>
    {
        Clock.Advance(silence);
        await _services.GetRequiredService<InactivitySweeper>().SweepAsync();
    });

    public ConversationHarness AgentAccepts(Agent agent) => Then(async () => Done(await TicketService.AcceptAsync(agent, await ActiveTicketIdAsync())));

    public ConversationHarness AgentReplies(Agent agent, string text) => Then(async () => Done(await TicketService.ReplyAsync(agent, await ActiveTicketIdAsync(), text)));

    public ConversationHarness AgentResolves(Agent agent) => Then(async () => Done(await TicketService.ResolveAsync(agent, await ActiveTicketIdAsync())));

    public ConversationHarness AssertReply(string text) => AssertReply(reply => Assert.Equal(text, reply.Text));

    public ConversationHarness AssertReply(Action<Activity> inspect) => Check(() =>
    {
        var reply = Next("a message");
        Assert.True(reply.Type == ActivityTypes.Message, $"Expected a message, got: {reply.Type} {reply.Name}");
        _lastReply = reply;
        inspect(reply);
    });

    /// <summary>The suggested actions of the reply asserted last; none given means it must offer none.</summary>
    public ConversationHarness AssertSuggestedActions(params string[] titles) => Check(() =>
    {
        var reply = _lastReply ?? throw new InvalidOperationException("AssertSuggestedActions checks the last reply: assert a reply first.");
        Assert.Equal(titles, reply.SuggestedActions?.Actions.Select(a => a.Title) ?? []);
        Assert.All(reply.SuggestedActions?.Actions ?? [], action => Assert.Equal("imBack", action.Type));
    });

    public ConversationHarness AssertEvent(string name, Action<Activity>? inspect = null) => Check(() =>
    {
        var activity = Next($"the event {name}");
        Assert.True(activity.Type == ActivityTypes.Event && activity.Name == name, $"Expected the event {name}, got: {activity.Type} {activity.Name ?? activity.Text}");
        inspect?.Invoke(activity);
    });

    public ConversationHarness AssertNoReply() => Check(() =>
        Assert.True(_read == _channel.Sent.Count, $"Expected nothing more, but the channel got: {string.Join(" | ", _channel.Sent.Skip(_read).Select(a => a.Text ?? a.Name))}"));

    public async Task<ConversationState> ConversationAsync() =>
        await Conversations.GetAsync(TenantId.Default, ConversationId) ?? throw new InvalidOperationException("The conversation was never saved.");

    /// <summary>The conversation's newest ticket, active or not.</summary>
    public async Task<Ticket> TicketAsync() => (await Tickets.GetAsync(TenantId.Default, await LatestTicketIdAsync()))!;

    public async Task<IReadOnlyList<TicketMessage>> TicketMessagesAsync() => await Tickets.GetMessagesAsync(TenantId.Default, await LatestTicketIdAsync());

    public TaskAwaiter GetAwaiter() => _chain.GetAwaiter();

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _chain;
        }
        finally
        {
            await _services.DisposeAsync();
        }
    }

    private async Task<TicketId> ActiveTicketIdAsync() =>
        (await ConversationAsync()).ActiveTicketId is { } id ? new TicketId(id) : throw new InvalidOperationException("The conversation has no active ticket.");

    private async Task<TicketId> LatestTicketIdAsync() =>
        (await Tickets.ListAsync(TenantId.Default, status: null, limit: 100)).FirstOrDefault(t => t.ConversationRef == ConversationId)?.Id
        ?? throw new InvalidOperationException("The conversation has no ticket.");

    private Activity Incoming(string type, string? id = null) => new()
    {
        Type = type,
        Id = id ?? $"entrada-{++_nextId}",
        Timestamp = Clock.GetUtcNow(),
        ChannelId = RecordingChannelSender.Name,
        From = Address.User,
        Recipient = Address.Bot,
        Conversation = new ConversationAccount(Address.ConversationId),
        Locale = Address.Locale,
    };

    private Activity Next(string expected)
    {
        var sent = _channel.Sent;
        Assert.True(_read < sent.Count, $"Expected {expected}, but the channel got nothing more.");
        return sent[_read++];
    }

    private static void Done(TicketCommandResult result) =>
        Assert.True(result.Outcome == TicketCommandOutcome.Done, $"The agent's command was {result.Outcome}: {result.Reason}");

    private static Agent DevelopmentAgent(string id) => DevelopmentAgentSeeder.Agents.Single(a => a.Agent.Id == id).Agent;

    private ConversationHarness Check(Action check) => Then(() =>
    {
        check();
        return Task.CompletedTask;
    });

    private ConversationHarness Then(Func<Task> step)
    {
        _chain = Chain(_chain, step);
        return this;
    }

    private static async Task Chain(Task previous, Func<Task> step)
    {
        await previous;
        await step();
    }

    internal sealed class TestHostEnvironment(string contentRoot) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Development;
        public string ApplicationName { get; set; } = "Atendimento.Bot.Tests";
        public string ContentRootPath { get; set; } = contentRoot;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
