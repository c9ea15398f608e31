using Atendimento.Bot.Channels.WhatsApp;
using Atendimento.Bot.Tests.Harness;
using Atendimento.Platform.Tenancy;
using Atendimento.Testing;

namespace Atendimento.Bot.Tests.Channels.WhatsApp;

/// <summary>What every <see cref="IWhatsAppInbox"/> promises; each implementation runs these facts.</summary>
public abstract class WhatsAppInboxContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly TenantId Loja = new("loja");
    private IWhatsAppInbox _inbox = null!;

    public async Task InitializeAsync() => _inbox = await CreateAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected abstract Task<IWhatsAppInbox> CreateAsync();

    [Fact]
    public async Task Accepted_entries_are_claimed_oldest_first_with_their_tenant_and_payload()
    {
        await _inbox.AcceptAsync([Entry("um"), Entry("dois")]);
        await _inbox.AcceptAsync([Entry("três")]);

        var claimed = await _inbox.ClaimAsync(10, Now, Now.AddMinutes(1));

        Assert.Equal(["um", "dois", "três"], claimed.Select(i => i.Entry.Payload));
        Assert.All(claimed, i => Assert.Equal(Entry(i.Entry.Payload), i.Entry));
        Assert.All(claimed, i => Assert.Equal(1, i.Attempts));
        Assert.True(claimed[0].Id < claimed[1].Id && claimed[1].Id < claimed[2].Id);
    }

    [Fact]
    public async Task A_claimed_entry_is_not_claimed_again_until_its_lease_ends()
    {
        await _inbox.AcceptAsync([Entry("um")]);
        Assert.Single(await _inbox.ClaimAsync(10, Now, Now.AddMinutes(1)));

        Assert.Empty(await _inbox.ClaimAsync(10, Now.AddSeconds(30), Now.AddMinutes(2)));
        var again = Assert.Single(await _inbox.ClaimAsync(10, Now.AddMinutes(2), Now.AddMinutes(3)));
        Assert.Equal(2, again.Attempts);
    }

    [Fact]
    public async Task Only_completing_or_setting_aside_takes_an_entry_out_of_the_pending_set()
    {
        await _inbox.AcceptAsync([Entry("um"), Entry("dois"), Entry("três")]);
        var claimed = await _inbox.ClaimAsync(2, Now, Now.AddMinutes(1));
        Assert.Equal(3, await _inbox.CountPendingAsync());

        await _inbox.CompleteAsync(claimed[0].Id, Now);
        await _inbox.SetAsideAsync(claimed[1].Id, Now);

        Assert.Equal(1, await _inbox.CountPendingAsync());
        Assert.Equal(["três"], (await _inbox.ClaimAsync(10, Now.AddMinutes(5), Now.AddMinutes(6))).Select(i => i.Entry.Payload));
    }

    [Fact]
    public async Task A_claim_takes_at_most_the_batch_size()
    {
        await _inbox.AcceptAsync([Entry("um"), Entry("dois"), Entry("três")]);
        Assert.Equal(["um", "dois"], (await _inbox.ClaimAsync(2, Now, Now.AddMinutes(1))).Select(i => i.Entry.Payload));
        Assert.Equal(["três"], (await _inbox.ClaimAsync(2, Now, Now.AddMinutes(1))).Select(i => i.Entry.Payload));
    }

    [Fact]
    public async Task Handled_keys_are_remembered_per_tenant_and_marking_twice_is_harmless()
    {
        Assert.False(await _inbox.WasHandledAsync(Loja, "msg:wamid.A"));

        await _inbox.MarkHandledAsync(Loja, "msg:wamid.A", Now);
        await _inbox.MarkHandledAsync(Loja, "msg:wamid.A", Now.AddSeconds(1));

        Assert.True(await _inbox.WasHandledAsync(Loja, "msg:wamid.A"));
        Assert.False(await _inbox.WasHandledAsync(new TenantId("outra"), "msg:wamid.A"));
        Assert.False(await _inbox.WasHandledAsync(Loja, "status:wamid.A:sent"));
    }

    [Fact]
    public async Task A_purge_forgets_old_keys_and_never_touches_pending_rows()
    {
        await _inbox.MarkHandledAsync(Loja, "msg:old", Now.AddDays(-9));
        await _inbox.MarkHandledAsync(Loja, "msg:new", Now.AddDays(-1));
        await _inbox.AcceptAsync([Entry("feito"), Entry("morto"), Entry("pendente")]);
        var claimed = await _inbox.ClaimAsync(2, Now.AddDays(-9), Now.AddDays(-9).AddMinutes(1));
        await _inbox.CompleteAsync(claimed[0].Id, Now.AddDays(-9));
        await _inbox.SetAsideAsync(claimed[1].Id, Now.AddDays(-9));

        await _inbox.PurgeAsync(Now.AddDays(-8));

        Assert.False(await _inbox.WasHandledAsync(Loja, "msg:old"));
        Assert.True(await _inbox.WasHandledAsync(Loja, "msg:new"));
        Assert.Equal(["pendente"], (await _inbox.ClaimAsync(10, Now, Now.AddMinutes(1))).Select(i => i.Entry.Payload));
    }

    private static InboxEntry Entry(string payload) => new(Loja, "106540352242922", payload, Now);
}

public sealed class InMemoryWhatsAppInboxTests : WhatsAppInboxContract
{
    protected override Task<IWhatsAppInbox> CreateAsync() => Task.FromResult<IWhatsAppInbox>(new InMemoryWhatsAppInbox());
}

public sealed class PostgresWhatsAppInboxTests : WhatsAppInboxContract
{
    private readonly SchemaPerTest _schema = new(BotSchema.CreateAsync);

    public override Task DisposeAsync() => _schema.DisposeAsync();

    protected override async Task<IWhatsAppInbox> CreateAsync()
    {
        await _schema.InitializeAsync();
        return new PostgresWhatsAppInbox(_schema.Schema.DataSource);
    }

    [Fact]
    public async Task A_purge_deletes_old_completed_rows_and_keeps_dead_letters_for_inspection()
    {
        var inbox = new PostgresWhatsAppInbox(_schema.Schema.DataSource);
        var then = new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);
        await inbox.AcceptAsync([new InboxEntry(TenantId.Default, "1", "feito", then), new InboxEntry(TenantId.Default, "1", "morto", then)]);
        var claimed = await inbox.ClaimAsync(2, then, then.AddMinutes(1));
        await inbox.CompleteAsync(claimed[0].Id, then);
        await inbox.SetAsideAsync(claimed[1].Id, then);

        await inbox.PurgeAsync(then.AddDays(1));

        await using var command = _schema.Schema.DataSource.CreateCommand("SELECT payload FROM whatsapp_inbox");
        Assert.Equal("morto", await command.ExecuteScalarAsync());
    }
}
