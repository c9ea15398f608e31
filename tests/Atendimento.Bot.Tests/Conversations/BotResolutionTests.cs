using Atendimento.Bot.Conversations;
using Atendimento.Bot.Tests.Harness;
using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Kpis;
using Atendimento.Testing;

namespace Atendimento.Bot.Tests.Conversations;

/// <summary>The bot records a dialog it ran to its end without a handoff, and only that, for the "resolved by the bot" KPI.</summary>
public sealed class BotResolutionTests
{
    private static readonly KpiQuery Today = new(new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 3, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_dialog_the_customer_finishes_with_the_bot_is_recorded_as_resolved_by_the_bot()
    {
        await using var bot = new ConversationHarness();

        await bot.Send("Segunda via de boleto").Send("529.982.247-25").Send("Sim, consegui");

        Assert.Equal(new Dictionary<DateTimeOffset, long> { [Today.From] = 1 }, await bot.BotResolutions.CountAsync(TenantId.Default, Today));
    }

    [Fact]
    public async Task A_dialog_that_ends_in_a_handoff_is_not_resolved_by_the_bot()
    {
        await using var bot = new ConversationHarness();

        await bot.Send("quero a segunda via").Send("52998224725").Send("2");

        Assert.NotNull((await bot.ConversationAsync()).ActiveTicketId);
        Assert.Empty((await bot.BotResolutions.CountAsync(TenantId.Default, Today))!);
    }
}

/// <summary>What every <see cref="IBotResolutionLog"/> must do; in-memory and PostgreSQL run it.</summary>
public abstract class BotResolutionLogContract
{
    private static readonly TenantId Acme = new("acme");
    private static readonly DateTimeOffset Monday = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);

    protected abstract Task<IBotResolutionLog> CreateLogAsync();

    [Fact]
    public async Task A_resolution_is_recorded_once_per_activity_and_counted_by_day_channel_and_tenant()
    {
        var log = await CreateLogAsync();
        await log.RecordAsync(new BotResolution(Acme, "directline:a", "m1", "segunda_via", "directline", Monday.AddHours(9)));
        await log.RecordAsync(new BotResolution(Acme, "directline:a", "m1", "segunda_via", "directline", Monday.AddHours(9)));
        await log.RecordAsync(new BotResolution(Acme, "directline:a", "m7", "planos", "directline", Monday.AddHours(10)));
        await log.RecordAsync(new BotResolution(Acme, "whatsapp:b", "w1", "planos", "whatsapp", Monday.AddDays(1)));
        await log.RecordAsync(new BotResolution(new TenantId("globex"), "directline:c", "m1", "planos", "directline", Monday.AddHours(9)));
        await log.RecordAsync(new BotResolution(Acme, "directline:d", "m1", "planos", "directline", Monday.AddDays(2)));

        var week = await log.CountAsync(Acme, new KpiQuery(Monday, Monday.AddDays(2)));
        var byDay = await log.CountAsync(Acme, new KpiQuery(Monday, Monday.AddDays(2), GroupBy: KpiGrouping.Day));
        var whatsapp = await log.CountAsync(Acme, new KpiQuery(Monday, Monday.AddDays(2), Channel: "whatsapp"));

        Assert.Equal(new Dictionary<DateTimeOffset, long> { [Monday] = 3 }, week);
        Assert.Equal(new Dictionary<DateTimeOffset, long> { [Monday] = 2, [Monday.AddDays(1)] = 1 }, byDay);
        Assert.Equal(new Dictionary<DateTimeOffset, long> { [Monday] = 1 }, whatsapp);
    }
}

public sealed class InMemoryBotResolutionLogTests : BotResolutionLogContract
{
    protected override Task<IBotResolutionLog> CreateLogAsync() => Task.FromResult<IBotResolutionLog>(new InMemoryBotResolutionLog());
}

public sealed class PostgresBotResolutionLogTests : BotResolutionLogContract, IAsyncLifetime
{
    private readonly SchemaPerTest _database = new(BotSchema.CreateAsync);

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    protected override Task<IBotResolutionLog> CreateLogAsync() => Task.FromResult<IBotResolutionLog>(new PostgresBotResolutionLog(_database.Schema.DataSource));
}
