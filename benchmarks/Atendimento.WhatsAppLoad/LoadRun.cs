using System.Diagnostics;
using System.Globalization;
using Atendimento.Bot.Activities;
using Activity = Atendimento.Bot.Activities.Activity;
using Atendimento.Bot.Conversations;
using Atendimento.Handoff;
using Atendimento.Integration.Tests.Hosting;
using Atendimento.Integration.Tests.WhatsApp;
using Atendimento.Platform.Tenancy;
using Atendimento.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Atendimento.WhatsAppLoad;

/// <summary>
/// Two hosts (each its own services, outbox dispatcher and Polly pipelines) on one PostgreSQL schema and one Redis,
/// sending through their conversations' outboxes to one fake Graph API that fails a share of the sends with 5xx.
/// </summary>
internal sealed class LoadRun : IAsyncDisposable
{
    private const int Concurrency = 64;
    private readonly LoadSettings _settings;
    private readonly PostgresSchema _schema;
    private readonly FakeGraphApi _graph;
    private readonly AtendimentoHost[] _hosts;

    private LoadRun(LoadSettings settings, PostgresSchema schema, FakeGraphApi graph, AtendimentoHost[] hosts) =>
        (_settings, _schema, _graph, _hosts) = (settings, schema, graph, hosts);

    public static async Task<LoadRun> StartAsync(LoadSettings settings)
    {
        // WebApplicationFactory finds a test project's content root by a manifest this tool does not have: name it.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_ATENDIMENTO_BOT", Path.Combine(RepositoryRoot(), "bot"));
        var schema = await PostgresSchema.CreateAsync();
        var graph = await FakeGraphApi.StartAsync();
        graph.InjectServerErrors(settings.ServerErrorRatio, settings.Seed);
        var hostSettings = HostSettings(settings, graph.BaseUrl);
        var hosts = new[] { Start(schema, hostSettings), Start(schema, hostSettings) };
        return new LoadRun(settings, schema, graph, hosts);
    }

    public async Task<LoadResult> SendAllAsync()
    {
        await WarmUpAsync();
        var conversations = await SeedConversationsAsync("load", _settings.Conversations);
        var started = Stopwatch.GetTimestamp();
        var failedDeliveries = await DeliverAsync("load", conversations, _settings.PerConversation);
        var handedOver = Stopwatch.GetElapsedTime(started);
        var drained = await WaitUntilDrainedAsync();
        var outbox = await OutboxSummary.ReadAsync(_schema);
        var expected = Enumerable.Range(0, conversations.Count)
            .SelectMany(c => Enumerable.Range(0, _settings.PerConversation).Select(m => $"load-{c}-{m}:0")).ToList();
        return new LoadResult(expected, [.. _graph.Accepted], [.. _graph.RequestTimes], _graph.InjectedServerErrors, outbox,
            failedDeliveries, handedOver, Stopwatch.GetElapsedTime(started), drained);
    }

    /// <summary>
    /// A few messages through both hosts before the measured run, then forgotten: the first requests of a process
    /// wait for the JIT together and leave together, a burst that says nothing about the pacing.
    /// </summary>
    private async Task WarmUpAsync()
    {
        var conversations = await SeedConversationsAsync("warmup", _settings.Numbers * _hosts.Length);
        await DeliverAsync("warmup", conversations, _settings.WarmUpPerConversation);
        await WaitUntilDrainedAsync();
        await Task.Delay(TimeSpan.FromSeconds(1));
        _graph.ForgetHistory();
    }

    /// <summary>Each conversation's messages one after another, through host 1 or 2 by conversation; returns how many deliveries threw.</summary>
    private async Task<int> DeliverAsync(string prefix, IReadOnlyList<string> conversations, int perConversation)
    {
        var failed = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Concurrency };
        await Parallel.ForEachAsync(Enumerable.Range(0, conversations.Count), parallel, async (index, token) =>
        {
            var turns = _hosts[index % _hosts.Length].Services.GetRequiredService<ConversationTurnProcessor>();
            for (var message = 0; message < perConversation; message++)
            {
                var id = $"{prefix}-{index}-{message}";
                try
                {
                    await turns.DeliverAsync(TenantId.Default, conversations[index], state => [Message(state, id)], token);
                }
                catch (Exception exception) when (exception is ChannelDeliveryException or InvalidOperationException)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        });
        return failed;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }
        await _graph.DisposeAsync();
        await _schema.DisposeAsync();
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Atendimento.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("Run the load tool from inside the repository.");
    }

    private static AtendimentoHost Start(PostgresSchema schema, Dictionary<string, string?> settings) =>
        AtendimentoHost.Start(schema.ConnectionString, TestEnvironment.Redis, settings);

    private static Dictionary<string, string?> HostSettings(LoadSettings settings, string graphBaseUrl)
    {
        var values = WhatsAppWebhooks.Settings(graphBaseUrl);
        values["WhatsApp:MessagesPerSecond"] = settings.PerSecond.ToString(CultureInfo.InvariantCulture);
        values["Logging:LogLevel:Default"] = "Error";
        values["Logging:LogLevel:Atendimento.Bot.Channels.WhatsApp.RedisWhatsAppSendRate"] = "Warning";
        for (var number = 1; number < settings.Numbers; number++)
        {
            var prefix = $"WhatsApp:Numbers:{number}:";
            values[prefix + "TenantId"] = "default";
            values[prefix + "PhoneNumberId"] = LoadSettings.PhoneNumberId(number);
            values[prefix + "VerifyToken"] = WhatsAppWebhooks.VerifyToken;
            values[prefix + "AppSecret"] = WhatsAppWebhooks.AppSecret;
            values[prefix + "AccessToken"] = WhatsAppWebhooks.AccessToken;
        }
        return values;
    }

    /// <summary>Conversations as a customer's first message leaves them: an open 24-hour window, nothing to send yet.</summary>
    private async Task<List<string>> SeedConversationsAsync(string prefix, int count)
    {
        var store = _hosts[0].Services.GetRequiredService<IConversationStore>();
        var now = TimeProvider.System.GetUtcNow();
        var ids = new List<string>();
        for (var index = 0; index < count; index++)
        {
            var customer = "5511" + (900_000_000 + index).ToString(CultureInfo.InvariantCulture);
            var id = ConversationState.IdFor("whatsapp", $"{prefix}-{index.ToString(CultureInfo.InvariantCulture)}");
            var state = new ConversationState
            {
                TenantId = TenantId.Default,
                Id = id,
                Channel = "whatsapp",
                Address = new ChannelAddress(id, new ChannelAccount(LoadSettings.PhoneNumberId(index % _settings.Numbers)), new ChannelAccount(customer), null, "pt-BR"),
                Transcript = [new TranscriptEntry(TranscriptRole.Customer, "oi", now)],
            };
            _ = await store.SaveAsync(state) ?? throw new InvalidOperationException($"Could not seed conversation {id}.");
            ids.Add(id);
        }
        return ids;
    }

    private static Activity Message(ConversationState state, string id) => new()
    {
        Type = ActivityTypes.Message,
        Id = id,
        Text = "Mensagem de carga " + id,
        ChannelId = state.Channel,
        From = state.Address.Bot,
        Recipient = state.Address.User,
        Conversation = new ConversationAccount(state.Address.ConversationId),
    };

    /// <summary>Waits until no message is queued in the WhatsApp outbox (retries included); false if the patience ran out.</summary>
    private async Task<bool> WaitUntilDrainedAsync()
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(_settings.Patience.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if ((await OutboxSummary.ReadAsync(_schema)).Queued == 0)
            {
                return true;
            }
            await Task.Delay(500);
        }
        return false;
    }
}
