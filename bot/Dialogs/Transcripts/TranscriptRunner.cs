using Atendimento.Bot.Activities;
using Atendimento.Bot.Conversations;
using Atendimento.Handoff;
using Atendimento.Platform;
using Atendimento.Platform.Tenancy;
using Atendimento.Routing;
using Atendimento.Bot.Recognition.Trained;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Atendimento.Bot.Dialogs.Transcripts;

/// <summary>
/// Runs transcript tests in-process: the real turn pipeline on the embedded in-memory stores, one fresh conversation
/// per transcript, a clock fixed at the transcript's time, and the dialogs loaded (and the recognizer trained) once.
/// </summary>
internal sealed class TranscriptRunner : IDisposable
{
    private readonly DialogCatalog _catalog;
    private readonly string _directory;

    /// <exception cref="DialogValidationException">The dialogs folder is invalid.</exception>
    public TranscriptRunner(string dialogsDirectory)
    {
        _directory = Path.GetFullPath(dialogsDirectory);
        _catalog = new DialogCatalog(Options.Create(new DialogOptions { Directory = _directory, Watch = false }), Environment(_directory), new DialogRecognizerTrainer(),
            NullLogger<DialogCatalog>.Instance, TimeProvider.System);
    }

    public async Task<TranscriptResult> RunAsync(Transcript transcript, CancellationToken cancellationToken = default)
    {
        var channel = new TranscriptChannel();
        var clock = new FixedClock(transcript.At);
        await using var services = Services(channel, clock);
        var processor = services.GetRequiredService<ConversationTurnProcessor>();
        var address = new ChannelAddress("transcript", new ChannelAccount("bot", "Bot", "bot"), new ChannelAccount("cliente", "Cliente", "user"), null, "pt-BR");
        var read = 0;
        for (var i = 0; i < transcript.Turns.Count; i++)
        {
            var turn = transcript.Turns[i];
            await processor.ProcessAsync(new InboundActivity(TenantId.Default, TranscriptChannel.Name, address, Incoming(turn, i, address, clock)), cancellationToken);
            var sent = channel.Sent.Skip(read).ToList();
            read += sent.Count;
            if (TurnComparer.FirstDifference(turn, sent) is { } difference)
            {
                var said = turn.User is null ? "join" : $"user \"{turn.User}\"";
                return new TranscriptResult(transcript, $"{transcript.File}:{turn.Line}: turn {i + 1} ({said}): {difference}");
            }
        }
        return new TranscriptResult(transcript, null);
    }

    public void Dispose() => _catalog.Dispose();

    private ServiceProvider Services(TranscriptChannel channel, TimeProvider clock)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(BackendsFromEnvironment())
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"{DialogOptions.Section}:Directory"] = _directory, [$"{DialogOptions.Section}:Watch"] = "false" })
            .Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton<IHostEnvironment>(Environment(_directory))
            .AddSingleton<IChannelSender>(channel);
        services.AddPlatform(configuration).AddTicketRouting(configuration).AddHandoff().AddBot(configuration);
        services.Replace(ServiceDescriptor.Singleton(_catalog));
        return services.BuildServiceProvider();
    }

    /// <summary>
    /// Only the backends (Dialogs__Backends__name__BaseUrl) come from the environment, so a designer can point http
    /// steps at a test backend; a connection string there must not move the transcripts off the in-memory stores.
    /// </summary>
    private static IEnumerable<KeyValuePair<string, string?>> BackendsFromEnvironment() =>
        new ConfigurationBuilder().AddEnvironmentVariables().Build().GetSection($"{DialogOptions.Section}:Backends").AsEnumerable();

    private static Activity Incoming(TranscriptTurn turn, int index, ChannelAddress address, TimeProvider clock) => new()
    {
        Type = turn.Join ? ActivityTypes.ConversationUpdate : ActivityTypes.Message,
        Id = $"transcript-{index + 1}",
        Timestamp = clock.GetUtcNow(),
        ChannelId = TranscriptChannel.Name,
        From = address.User,
        Recipient = address.Bot,
        Conversation = new ConversationAccount(address.ConversationId),
        Locale = address.Locale,
        Text = turn.User,
        MembersAdded = turn.Join ? [address.User!] : null,
    };

    private static HostingEnvironment Environment(string directory) =>
        new() { EnvironmentName = Environments.Production, ApplicationName = "dialogs-test", ContentRootPath = directory };

    /// <summary>The clock of a transcript: time stands still, so business hours and timeouts are what the transcript says.</summary>
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
    }

    /// <summary>The channel transcripts talk on: it keeps what the bot sent.</summary>
    private sealed class TranscriptChannel : IChannelSender
    {
        public const string Name = "transcript";

        private readonly Lock _gate = new();
        private readonly List<Activity> _sent = [];

        public string Channel => Name;

        public IReadOnlyList<Activity> Sent
        {
            get
            {
                lock (_gate)
                {
                    return [.. _sent];
                }
            }
        }

        public Task SendAsync(ConversationState conversation, IReadOnlyList<Activity> activities, CancellationToken cancellationToken = default)
        {
            lock (_gate)
            {
                _sent.AddRange(activities);
            }
            return Task.CompletedTask;
        }
    }
}
