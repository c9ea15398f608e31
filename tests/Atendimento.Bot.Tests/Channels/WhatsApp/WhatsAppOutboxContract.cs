using Atendimento.Bot.Channels.WhatsApp;
using Atendimento.Bot.Conversations;
using Atendimento.Bot.Tests.Harness;
using Atendimento.Platform.Tenancy;
using Atendimento.Testing;

namespace Atendimento.Bot.Tests.Channels.WhatsApp;

/// <summary>What every <see cref="IWhatsAppOutbox"/> promises; each implementation runs these facts.</summary>
public abstract class WhatsAppOutboxContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly TenantId Loja = new("loja");
    private IWhatsAppOutbox _outbox = null!;

    public async Task InitializeAsync() => _outbox = await CreateAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected abstract Task<IWhatsAppOutbox> CreateAsync();

    [Fact]
    public async Task A_message_is_stored_queued_and_adding_it_again_returns_the_first_copy()
    {
        var first = await _outbox.AddAsync(Queued("act-1:0", "{\"a\":1}"));
        await _outbox.MarkSentAsync(Loja, "act-1:0", "wamid.1", Now);

        var again = await _outbox.AddAsync(Queued("act-1:0", "{\"b\":2}"));

        Assert.Equal(Queued("act-1:0", "{\"a\":1}"), first);
        Assert.Equal(DeliveryState.Sent, again.State);
        Assert.Equal("{\"a\":1}", again.Payload);
        Assert.Equal("wamid.1", again.Wamid);
    }

    [Fact]
    public async Task Statuses_move_a_sent_message_forward_by_its_wamid_and_never_back()
    {
        await _outbox.AddAsync(Queued("act-1:0"));
        await _outbox.MarkSentAsync(Loja, "act-1:0", "wamid.1", Now);

        Assert.Equal(StatusOutcome.Applied, await _outbox.ApplyStatusAsync(Loja, "wamid.1", DeliveryState.Read, null, Now.AddSeconds(5)));
        Assert.Equal(StatusOutcome.Unchanged, await _outbox.ApplyStatusAsync(Loja, "wamid.1", DeliveryState.Delivered, null, Now.AddSeconds(6)));
        Assert.Equal(StatusOutcome.Unchanged, await _outbox.ApplyStatusAsync(Loja, "wamid.1", DeliveryState.Failed, 131047, Now.AddSeconds(7)));

        var stored = await _outbox.GetAsync(Loja, "act-1:0");
        Assert.Equal(DeliveryState.Read, stored!.State);
        Assert.Null(stored.ErrorCode);
        Assert.Equal(Now.AddSeconds(5), stored.UpdatedAt);
    }

    [Fact]
    public async Task A_failed_status_after_sent_records_the_error_code()
    {
        await _outbox.AddAsync(Queued("act-1:0"));
        await _outbox.MarkSentAsync(Loja, "act-1:0", "wamid.1", Now);

        Assert.Equal(StatusOutcome.Applied, await _outbox.ApplyStatusAsync(Loja, "wamid.1", DeliveryState.Failed, 131047, Now));

        var stored = await _outbox.GetAsync(Loja, "act-1:0");
        Assert.Equal((DeliveryState.Failed, 131047), (stored!.State, stored.ErrorCode));
    }

    [Fact]
    public async Task A_dead_letter_keeps_its_code_and_is_neither_sent_nor_moved_later()
    {
        await _outbox.AddAsync(Queued("act-1:0"));
        await _outbox.MarkFailedAsync(Loja, "act-1:0", 100, Now);
        await _outbox.MarkSentAsync(Loja, "act-1:0", "wamid.late", Now);

        var stored = await _outbox.GetAsync(Loja, "act-1:0");
        Assert.Equal((DeliveryState.Failed, 100, (string?)null), (stored!.State, stored.ErrorCode, stored.Wamid));
    }

    [Fact]
    public async Task Statuses_for_unknown_wamids_or_another_tenant_change_nothing()
    {
        await _outbox.AddAsync(Queued("act-1:0"));
        await _outbox.MarkSentAsync(Loja, "act-1:0", "wamid.1", Now);

        Assert.Equal(StatusOutcome.UnknownMessage, await _outbox.ApplyStatusAsync(Loja, "wamid.other", DeliveryState.Delivered, null, Now));
        Assert.Equal(StatusOutcome.UnknownMessage, await _outbox.ApplyStatusAsync(new TenantId("outra"), "wamid.1", DeliveryState.Delivered, null, Now));
        Assert.Equal(DeliveryState.Sent, (await _outbox.GetAsync(Loja, "act-1:0"))!.State);
        Assert.Null(await _outbox.GetAsync(new TenantId("outra"), "act-1:0"));
    }

    [Fact]
    public async Task Only_the_oldest_queued_message_of_a_conversation_can_be_claimed_and_only_by_one()
    {
        await _outbox.AddAsync(Queued("act-1:0"));
        await _outbox.AddAsync(Queued("act-2:0"));

        Assert.False(await _outbox.TryClaimAsync(Loja, "act-2:0", Now, Now.AddMinutes(2)));
        Assert.True(await _outbox.TryClaimAsync(Loja, "act-1:0", Now, Now.AddMinutes(2)));
        Assert.False(await _outbox.TryClaimAsync(Loja, "act-1:0", Now, Now.AddMinutes(2)));
        Assert.True(await _outbox.TryClaimAsync(Loja, "act-1:0", Now.AddMinutes(3), Now.AddMinutes(5)));

        await _outbox.MarkSentAsync(Loja, "act-1:0", "wamid.1", Now);
        Assert.True(await _outbox.TryClaimAsync(Loja, "act-2:0", Now, Now.AddMinutes(2)));
    }

    [Fact]
    public async Task A_rescheduled_message_is_claimed_when_due_one_per_conversation_and_keeps_its_attempts()
    {
        await _outbox.AddAsync(Queued("act-1:0"));
        await _outbox.AddAsync(Queued("act-2:0"));
        await _outbox.AddAsync(Queued("act-3:0", conversation: "whatsapp:outro"));
        Assert.True(await _outbox.TryClaimAsync(Loja, "act-1:0", Now, Now.AddMinutes(2)));
        await _outbox.RescheduleAsync(Loja, "act-1:0", 131016, Now.AddSeconds(30), Now);

        var early = await _outbox.ClaimDueAsync(10, Now.AddSeconds(1), Now.AddMinutes(2));
        var due = await _outbox.ClaimDueAsync(10, Now.AddSeconds(31), Now.AddMinutes(3));

        Assert.Equal(["act-3:0"], early.Select(m => m.Id));
        var retried = Assert.Single(due);
        Assert.Equal(("act-1:0", 1, 131016), (retried.Id, retried.Attempts, retried.ErrorCode));
        Assert.Empty(await _outbox.ClaimDueAsync(10, Now.AddSeconds(32), Now.AddMinutes(3)));
    }

    [Fact]
    public async Task A_dead_letter_is_flagged_and_a_message_with_a_ticket_line_keeps_it()
    {
        var stored = await _outbox.AddAsync(Queued("act-1:0") with { Ticket = new TicketMessageLink(7, 2) });
        await _outbox.MarkFailedAsync(Loja, "act-1:0", 131026, Now);

        var dead = await _outbox.GetAsync(Loja, "act-1:0");
        Assert.Equal(new TicketMessageLink(7, 2), stored.Ticket);
        Assert.Equal((true, DeliveryState.Failed, new TicketMessageLink(7, 2)), (dead!.DeadLetter, dead.State, dead.Ticket));
        Assert.Empty(await _outbox.ClaimDueAsync(10, Now.AddHours(1), Now.AddHours(2)));
    }

    private static OutboundMessage Queued(string id, string payload = "{}", string conversation = "whatsapp:5511999990000") =>
        new(Loja, id, "106540352242922", conversation, payload, DeliveryState.Queued, null, null, Now);
}

public sealed class InMemoryWhatsAppOutboxTests : WhatsAppOutboxContract
{
    protected override Task<IWhatsAppOutbox> CreateAsync() => Task.FromResult<IWhatsAppOutbox>(new InMemoryWhatsAppOutbox());
}

public sealed class PostgresWhatsAppOutboxTests : WhatsAppOutboxContract
{
    private readonly SchemaPerTest _schema = new(BotSchema.CreateAsync);

    public override Task DisposeAsync() => _schema.DisposeAsync();

    protected override async Task<IWhatsAppOutbox> CreateAsync()
    {
        await _schema.InitializeAsync();
        return new PostgresWhatsAppOutbox(_schema.Schema.DataSource);
    }
}
