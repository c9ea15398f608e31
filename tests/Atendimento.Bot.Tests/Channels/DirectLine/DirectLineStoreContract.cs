using System.Text.Json.Nodes;
using Atendimento.Bot.Activities;
using Atendimento.Bot.Channels.DirectLine;
using Atendimento.Bot.Tests.Harness;
using Atendimento.Platform.Tenancy;
using Atendimento.Testing;

namespace Atendimento.Bot.Tests.Channels.DirectLine;

/// <summary>What every <see cref="IDirectLineStore"/> promises; each implementation runs these facts.</summary>
public abstract class DirectLineStoreContract : IAsyncLifetime
{
    private const string Conversation = "DL-conversa-1";
    private static readonly DateTimeOffset CreatedAt = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);
    private IDirectLineStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = await CreateStoreAsync();
        await _store.CreateAsync(new DirectLineConversation(TenantId.Default, Conversation, "dl_cliente-1", CreatedAt, Started: false));
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected abstract Task<IDirectLineStore> CreateStoreAsync();

    [Fact]
    public async Task A_created_conversation_can_be_read_back()
    {
        Assert.Equal(new DirectLineConversation(TenantId.Default, Conversation, "dl_cliente-1", CreatedAt, false), await _store.GetAsync(Conversation));
        Assert.Null(await _store.GetAsync("DL-desconhecida"));
    }

    [Fact]
    public async Task A_conversation_is_marked_started_only_once()
    {
        Assert.True(await _store.MarkStartedAsync(Conversation));
        Assert.False(await _store.MarkStartedAsync(Conversation));
        Assert.True((await _store.GetAsync(Conversation))!.Started);
        Assert.False(await _store.MarkStartedAsync("DL-desconhecida"));
    }

    [Fact]
    public async Task Appended_activities_are_numbered_from_1_in_their_id_and_sequence_id()
    {
        var stored = new List<Activity>();
        foreach (var text in new[] { "um", "dois", "três" })
        {
            var result = await _store.AppendAsync(Conversation, Message(text));
            Assert.False(result.Duplicate);
            stored.Add(result.Activity);
        }

        Assert.Equal([$"{Conversation}|0000001", $"{Conversation}|0000002", $"{Conversation}|0000003"], stored.Select(a => a.Id));
        Assert.Equal([1L, 2L, 3L], stored.Select(Sequence));
        Assert.Equal(["um", "dois", "três"], stored.Select(a => a.Text));
        Assert.All(stored, a => Assert.Equal("dl_cliente-1", a.From!.Id));
    }

    [Fact]
    public async Task Reading_after_a_watermark_returns_only_newer_activities_and_the_new_watermark()
    {
        await AppendAsync("um", "dois", "três", "quatro");

        var page = await _store.ReadAfterAsync(Conversation, 2, 100);

        Assert.Equal(["três", "quatro"], page.Activities.Select(a => a.Text));
        Assert.Equal(4, page.Watermark);
        Assert.Equal(["um", "dois", "três", "quatro"], (await _store.ReadAfterAsync(Conversation, 0, 100)).Activities.Select(a => a.Text));
    }

    [Fact]
    public async Task Reading_with_a_limit_stops_the_watermark_at_the_last_activity_returned()
    {
        await AppendAsync("um", "dois", "três");

        var page = await _store.ReadAfterAsync(Conversation, 0, 2);

        Assert.Equal(["um", "dois"], page.Activities.Select(a => a.Text));
        Assert.Equal(2, page.Watermark);
    }

    [Fact]
    public async Task Reading_when_nothing_is_new_keeps_the_watermark()
    {
        await AppendAsync("um", "dois");

        var page = await _store.ReadAfterAsync(Conversation, 2, 100);

        Assert.Empty(page.Activities);
        Assert.Equal(2, page.Watermark);
        Assert.Equal(0, (await _store.ReadAfterAsync("DL-vazia", 0, 100)).Watermark);
    }

    [Fact]
    public async Task A_repeated_client_activity_id_returns_the_first_copy_without_a_new_sequence()
    {
        await AppendAsync("antes");
        var first = await _store.AppendAsync(Conversation, Message("oi", clientActivityId: "cliente-abc"));

        var again = await _store.AppendAsync(Conversation, Message("oi de novo", clientActivityId: "cliente-abc"));
        var next = await _store.AppendAsync(Conversation, Message("depois"));

        Assert.True(again.Duplicate);
        Assert.Equal((first.Activity.Id, "oi", 2L), (again.Activity.Id, again.Activity.Text, Sequence(again.Activity)));
        Assert.Equal(3, Sequence(next.Activity));
        Assert.Equal(["antes", "oi", "depois"], (await _store.ReadAfterAsync(Conversation, 0, 100)).Activities.Select(a => a.Text));
    }

    [Fact]
    public async Task Concurrent_appends_get_distinct_dense_sequences()
    {
        var results = await Task.WhenAll(Enumerable.Range(1, 20).Select(i => Task.Run(() => _store.AppendAsync(Conversation, Message($"mensagem {i}")))));

        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), results.Select(r => Sequence(r.Activity)).Order());
        var page = await _store.ReadAfterAsync(Conversation, 0, 100);
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), page.Activities.Select(Sequence));
        Assert.Equal(20, page.Watermark);
    }

    [Fact]
    public async Task Each_conversation_has_its_own_numbering()
    {
        await _store.CreateAsync(new DirectLineConversation(TenantId.Default, "DL-conversa-2", "dl_cliente-2", CreatedAt, false));
        await AppendAsync("um", "dois");

        var other = await _store.AppendAsync("DL-conversa-2", Message("outra"));

        Assert.Equal(("DL-conversa-2|0000001", 1L), (other.Activity.Id, Sequence(other.Activity)));
        Assert.Equal(["outra"], (await _store.ReadAfterAsync("DL-conversa-2", 0, 100)).Activities.Select(a => a.Text));
    }

    [Fact]
    public async Task Appending_to_an_unknown_conversation_throws() =>
        await Assert.ThrowsAsync<KeyNotFoundException>(() => _store.AppendAsync("DL-desconhecida", Message("oi")));

    private async Task AppendAsync(params string[] texts)
    {
        foreach (var text in texts)
        {
            await _store.AppendAsync(Conversation, Message(text));
        }
    }

    private static Activity Message(string text, string? clientActivityId = null) => new()
    {
        Type = ActivityTypes.Message,
        Text = text,
        From = new ChannelAccount("dl_cliente-1", "Maria", "user"),
        ChannelData = clientActivityId is null ? null : new JsonObject { ["clientActivityID"] = clientActivityId },
    };

    private static long Sequence(Activity activity) => activity.ChannelData!["webchat:sequence-id"]!.GetValue<long>();
}

public sealed class InMemoryDirectLineStoreTests : DirectLineStoreContract
{
    protected override Task<IDirectLineStore> CreateStoreAsync() => Task.FromResult<IDirectLineStore>(new InMemoryDirectLineStore());
}

public sealed class PostgresDirectLineStoreTests : DirectLineStoreContract
{
    private PostgresSchema? _schema;

    public override async Task DisposeAsync()
    {
        if (_schema is not null)
        {
            await _schema.DisposeAsync();
        }
    }

    protected override async Task<IDirectLineStore> CreateStoreAsync()
    {
        _schema = await BotSchema.CreateAsync();
        return new PostgresDirectLineStore(_schema.DataSource);
    }
}
