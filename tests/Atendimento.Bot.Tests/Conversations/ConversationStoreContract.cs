using Atendimento.Bot.Activities;
using Atendimento.Bot.Conversations;
using Atendimento.Bot.Dialogs;
using Atendimento.Bot.Tests.Harness;
using Atendimento.Handoff;
using Atendimento.Platform.Tenancy;
using Atendimento.Testing;

namespace Atendimento.Bot.Tests.Conversations;

/// <summary>What every <see cref="IConversationStore"/> promises; each implementation runs these facts.</summary>
public abstract class ConversationStoreContract : IAsyncLifetime
{
    private static readonly TenantId Other = new("outra-empresa");
    private IConversationStore _store = null!;

    protected FakeTimeProvider Clock { get; } = new();

    public async Task InitializeAsync() => _store = await CreateStoreAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected abstract Task<IConversationStore> CreateStoreAsync();

    [Fact]
    public async Task Inserting_a_new_conversation_saves_it_as_version_1()
    {
        var saved = await _store.SaveAsync(State());

        Assert.NotNull(saved);
        Assert.Equal(1, saved.Version);
        Assert.Equal(1, (await _store.GetAsync(TenantId.Default, "test:conversa-1"))!.Version);
    }

    [Fact]
    public async Task Get_returns_the_whole_state_that_was_saved()
    {
        var state = State();
        await _store.SaveAsync(state);

        var loaded = (await _store.GetAsync(TenantId.Default, state.Id))!;

        Assert.Equal((state.TenantId, state.Id, state.Channel, state.ActiveTicketId, state.Welcomed), (loaded.TenantId, loaded.Id, loaded.Channel, loaded.ActiveTicketId, loaded.Welcomed));
        Assert.Equal(state.Address, loaded.Address);
        Assert.Equal(state.Transcript, loaded.Transcript);
        Assert.Equal(state.RecentActivityIds, loaded.RecentActivityIds);
        var (dialog, stored) = (state.Dialog, loaded.Dialog);
        Assert.Equal((dialog.Schema, dialog.Intent, dialog.FailedRecognitions), (stored.Schema, stored.Intent, stored.FailedRecognitions));
        Assert.Equal(dialog.Stack.Select(f => (f.Intent, f.Version, f.Retries, f.Awaiting)), stored.Stack.Select(f => (f.Intent, f.Version, f.Retries, f.Awaiting)));
        Assert.Equal(dialog.Stack.Select(f => f.Position), stored.Stack.Select(f => f.Position));
        Assert.Equal(dialog.Values, stored.Values);
        Assert.Equal(dialog.Trail, stored.Trail);
        Assert.True(stored.IsWaiting);
    }

    [Fact]
    public async Task Saving_with_the_current_version_succeeds_and_bumps_it()
    {
        var first = (await _store.SaveAsync(State()))!;

        var second = await _store.SaveAsync(first with { ActiveTicketId = 42 });

        Assert.Equal(2, second!.Version);
        var loaded = (await _store.GetAsync(TenantId.Default, first.Id))!;
        Assert.Equal((2, 42L), (loaded.Version, loaded.ActiveTicketId));
    }

    [Fact]
    public async Task Saving_with_a_stale_version_returns_null_and_changes_nothing()
    {
        var first = (await _store.SaveAsync(State()))!;
        await _store.SaveAsync(first with { ActiveTicketId = 1 });

        var stale = await _store.SaveAsync(first with { ActiveTicketId = 2 });

        Assert.Null(stale);
        var loaded = (await _store.GetAsync(TenantId.Default, first.Id))!;
        Assert.Equal((2, 1L), (loaded.Version, loaded.ActiveTicketId));
    }

    [Fact]
    public async Task Inserting_the_same_conversation_twice_returns_null_the_second_time()
    {
        await _store.SaveAsync(State() with { Welcomed = true });

        var again = await _store.SaveAsync(State() with { Welcomed = false });

        Assert.Null(again);
        var loaded = (await _store.GetAsync(TenantId.Default, "test:conversa-1"))!;
        Assert.Equal((1, true), (loaded.Version, loaded.Welcomed));
    }

    [Fact]
    public async Task Updating_a_conversation_never_saved_returns_null()
    {
        Assert.Null(await _store.SaveAsync(State() with { Version = 3 }));
        Assert.Null(await _store.GetAsync(TenantId.Default, "test:conversa-1"));
    }

    [Fact]
    public async Task Tenants_do_not_see_or_change_each_others_conversations()
    {
        var ours = (await _store.SaveAsync(State() with { ActiveTicketId = 1 }))!;
        var theirs = (await _store.SaveAsync(State() with { TenantId = Other, ActiveTicketId = 2 }))!;

        await _store.SaveAsync(theirs with { ActiveTicketId = 3 });

        var loaded = (await _store.GetAsync(TenantId.Default, ours.Id))!;
        Assert.Equal((1, 1L), (loaded.Version, loaded.ActiveTicketId));
        Assert.Equal(3L, (await _store.GetAsync(Other, ours.Id))!.ActiveTicketId);
        Assert.Null(await _store.GetAsync(new TenantId("ninguem"), ours.Id));
    }

    [Fact]
    public async Task Conversations_of_every_tenant_are_due_for_inactivity_once_their_deadline_has_come_earliest_first()
    {
        var now = Clock.GetUtcNow();
        await _store.SaveAsync(State() with { Id = "test:tarde", InactivityDueAt = now.AddMinutes(-1) });
        await _store.SaveAsync(State() with { TenantId = Other, Id = "test:cedo", InactivityDueAt = now.AddMinutes(-3) });
        await _store.SaveAsync(State() with { Id = "test:agora", InactivityDueAt = now });
        await _store.SaveAsync(State() with { Id = "test:depois", InactivityDueAt = now.AddSeconds(1) });
        await _store.SaveAsync(State() with { Id = "test:nada" });

        var due = await _store.DueForInactivityAsync(now, limit: 10);

        Assert.Equal([new(Other, "test:cedo"), new(TenantId.Default, "test:tarde"), new(TenantId.Default, "test:agora")], due);
        Assert.Equal([new ConversationKey(Other, "test:cedo")], await _store.DueForInactivityAsync(now, limit: 1));
    }

    [Fact]
    public async Task A_conversation_stops_being_due_once_saved_without_a_deadline_or_with_a_later_one()
    {
        var now = Clock.GetUtcNow();
        var first = (await _store.SaveAsync(State() with { Id = "test:um", InactivityDueAt = now.AddMinutes(-1) }))!;
        var second = (await _store.SaveAsync(State() with { Id = "test:dois", InactivityDueAt = now.AddMinutes(-1) }))!;

        await _store.SaveAsync(first with { InactivityDueAt = null });
        await _store.SaveAsync(second with { InactivityDueAt = now.AddMinutes(5) });

        Assert.Empty(await _store.DueForInactivityAsync(now, limit: 10));
        Assert.Equal(now.AddMinutes(5), (await _store.GetAsync(TenantId.Default, "test:dois"))!.InactivityDueAt);
    }

    private ConversationState State()
    {
        var at = Clock.GetUtcNow();
        return new ConversationState
        {
            TenantId = TenantId.Default,
            Id = "test:conversa-1",
            Channel = "test",
            Address = new ChannelAddress("conversa-1", new ChannelAccount("bot", "Lia", "bot"), new ChannelAccount("cliente-1", "Maria Oliveira", "user"), "https://canal.example/", "pt-BR"),
            Welcomed = true,
            Dialog = new DialogState
            {
                Stack = [new DialogFrame("planos", "0a1b2c3d4e5f", [1], 0, "choice:contratar"), new DialogFrame("segunda_via", "a1b2c3d4e5f6", [2, 1, 0], 1, "ask:cpf")],
                FailedRecognitions = 1,
                Values = new Dictionary<string, string>(StringComparer.Ordinal) { ["cpf"] = "52998224725", ["ajuda_boleto"] = "Não consegui" },
                Trail =
                [
                    new RecognitionStep("fibra", "planos", 0.75, at, new LlmRerank(LlmOutcome.Picked, "mudanca_endereco")),
                    new RecognitionStep("quero a segunda via", "segunda_via", 0.8125, at.AddSeconds(3)),
                    new RecognitionStep("xpto", null, 0, at.AddSeconds(5), new LlmRerank(LlmOutcome.Failed)),
                ],
            },
            Transcript = [new TranscriptEntry(TranscriptRole.Customer, "quero a segunda via", at), new TranscriptEntry(TranscriptRole.Bot, "Me informe o CPF, por favor.", at.AddSeconds(1))],
            RecentActivityIds = ["entrada-1", "entrada-2"],
        };
    }
}

public sealed class InMemoryConversationStoreTests : ConversationStoreContract
{
    protected override Task<IConversationStore> CreateStoreAsync() => Task.FromResult<IConversationStore>(new InMemoryConversationStore());
}

public sealed class PostgresConversationStoreTests : ConversationStoreContract
{
    private PostgresSchema? _schema;

    public override async Task DisposeAsync()
    {
        if (_schema is not null)
        {
            await _schema.DisposeAsync();
        }
    }

    protected override async Task<IConversationStore> CreateStoreAsync()
    {
        _schema = await BotSchema.CreateAsync();
        return new PostgresConversationStore(_schema.DataSource, Clock);
    }
}
