using Atendimento.Bot.Channels.WhatsApp;
using Atendimento.Bot.Channels.WhatsApp.DeadLetters;
using Atendimento.Bot.Tests.Harness;
using Atendimento.Platform.Tenancy;
using Atendimento.Testing;

namespace Atendimento.Bot.Tests.Channels.WhatsApp;

/// <summary>What every <see cref="IWhatsAppDeadLetters"/> promises; each outbox implementation runs these facts.</summary>
public abstract class WhatsAppDeadLettersContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly TenantId Loja = new("loja");
    private IWhatsAppOutbox _outbox = null!;
    private IWhatsAppDeadLetters _deadLetters = null!;

    public async Task InitializeAsync()
    {
        _outbox = await CreateAsync();
        _deadLetters = (IWhatsAppDeadLetters)_outbox;
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected abstract Task<IWhatsAppOutbox> CreateAsync();

    [Fact]
    public async Task Dead_letters_are_filtered_by_number_code_time_and_conversation_and_sent_ones_never_appear()
    {
        await DeadAsync("a:0", "pn-1", "c-1", 131026, 0);
        await DeadAsync("b:0", "pn-2", "c-2", 131016, 10);
        await DeadAsync("c:0", "pn-1", "c-2", 131026, 20);
        await _outbox.AddAsync(Queued("d:0", "pn-1", "c-1"));
        await _outbox.MarkSentAsync(Loja, "d:0", "wamid.d", Now);

        Assert.Equal(["a:0", "b:0", "c:0"], await IdsAsync(new DeadLetterFilter(Loja)));
        Assert.Equal(["a:0", "c:0"], await IdsAsync(new DeadLetterFilter(Loja, PhoneNumberId: "pn-1")));
        Assert.Equal(["b:0"], await IdsAsync(new DeadLetterFilter(Loja, ErrorCode: 131016)));
        Assert.Equal(["b:0"], await IdsAsync(new DeadLetterFilter(Loja, From: Now.AddSeconds(5), To: Now.AddSeconds(20))));
        Assert.Equal(["b:0", "c:0"], await IdsAsync(new DeadLetterFilter(Loja, ConversationId: "c-2")));
        Assert.Empty(await IdsAsync(new DeadLetterFilter(new TenantId("outra"))));
    }

    [Fact]
    public async Task Pages_follow_the_cursor_without_gaps_or_repeats_even_at_one_instant()
    {
        foreach (var id in new[] { "e:0", "a:0", "c:0", "b:0", "d:0" })
        {
            await DeadAsync(id, "pn-1", "c-1", 131026, id == "e:0" ? 0 : 5);
        }

        var first = await _deadLetters.ListAsync(new DeadLetterFilter(Loja), null, 2);
        var second = await _deadLetters.ListAsync(new DeadLetterFilter(Loja), new DeadLetterCursor(first[^1].UpdatedAt, first[^1].Id), 2);
        var third = await _deadLetters.ListAsync(new DeadLetterFilter(Loja), new DeadLetterCursor(second[^1].UpdatedAt, second[^1].Id), 2);

        Assert.Equal(["e:0", "a:0", "b:0", "c:0", "d:0"], first.Concat(second).Concat(third).Select(m => m.Id));
    }

    [Fact]
    public async Task A_redrive_queues_the_chosen_dead_letters_from_their_first_attempt_and_due_at_once()
    {
        await DeadAsync("a:0", "pn-1", "c-1", 131026, 0);
        await DeadAsync("b:0", "pn-1", "c-2", 131026, 0);
        await DeadAsync("c:0", "pn-2", "c-3", 131016, 0);

        var byIds = await _deadLetters.RedriveAsync(new DeadLetterFilter(Loja), ["a:0", "missing:0"], Now.AddMinutes(1));
        var byFilter = await _deadLetters.RedriveAsync(new DeadLetterFilter(Loja, ErrorCode: 131016), null, Now.AddMinutes(1));

        Assert.Equal(["a:0"], byIds.Select(m => m.Id));
        Assert.Equal(["c:0"], byFilter.Select(m => m.Id));
        var again = await _outbox.GetAsync(Loja, "a:0");
        Assert.Equal((DeliveryState.Queued, false, 0, (int?)null), (again!.State, again.DeadLetter, again.Attempts, again.ErrorCode));
        Assert.Equal(["a:0", "c:0"], (await _outbox.ClaimDueAsync(10, Now.AddMinutes(1), Now.AddMinutes(3))).Select(m => m.Id).Order());
        Assert.Equal(["b:0"], await IdsAsync(new DeadLetterFilter(Loja)));
    }

    private async Task DeadAsync(string id, string number, string conversation, int code, int second)
    {
        await _outbox.AddAsync(Queued(id, number, conversation));
        await _outbox.MarkFailedAsync(Loja, id, code, Now.AddSeconds(second));
    }

    private async Task<List<string>> IdsAsync(DeadLetterFilter filter) =>
        (await _deadLetters.ListAsync(filter, null, 100)).Select(m => m.Id).ToList();

    private static OutboundMessage Queued(string id, string number, string conversation) =>
        new(Loja, id, number, conversation, "{}", DeliveryState.Queued, null, null, Now);
}

public sealed class InMemoryWhatsAppDeadLettersTests : WhatsAppDeadLettersContract
{
    protected override Task<IWhatsAppOutbox> CreateAsync() => Task.FromResult<IWhatsAppOutbox>(new InMemoryWhatsAppOutbox());
}

public sealed class PostgresWhatsAppDeadLettersTests : WhatsAppDeadLettersContract
{
    private readonly SchemaPerTest _schema = new(BotSchema.CreateAsync);

    public override Task DisposeAsync() => _schema.DisposeAsync();

    protected override async Task<IWhatsAppOutbox> CreateAsync()
    {
        await _schema.InitializeAsync();
        return new PostgresWhatsAppOutbox(_schema.Schema.DataSource);
    }
}
