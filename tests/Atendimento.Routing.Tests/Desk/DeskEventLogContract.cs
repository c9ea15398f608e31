using Atendimento.Platform.Messaging;
using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Desk.Feed;
using Atendimento.Routing.Sla;
using Atendimento.Testing;

namespace Atendimento.Routing.Tests.Desk;

/// <summary>What every <see cref="IDeskEventLog"/> promises; each implementation runs these facts.</summary>
public abstract class DeskEventLogContract : IAsyncLifetime
{
    private static readonly TenantId Other = new("outra-empresa");
    private static readonly DateTimeOffset At = new(2026, 4, 20, 12, 0, 0, TimeSpan.Zero);

    protected IDeskEventLog Log { get; private set; } = null!;

    public async Task InitializeAsync() => Log = await CreateLogAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected abstract Task<IDeskEventLog> CreateLogAsync();

    [Fact]
    public async Task Events_are_read_back_after_an_id_in_order_with_what_was_written()
    {
        var first = await Log.AppendAsync(TenantId.Default, "ticket.created", 7, """{"queue":"financeiro"}""", null, At);
        var second = await Log.AppendAsync(TenantId.Default, "sla.breach", 7, """{"moment":"first_response_breach"}""", null, At.AddSeconds(1));

        var all = await Log.ReadAfterAsync(TenantId.Default, 0, 10);
        var after = await Log.ReadAfterAsync(TenantId.Default, first, 10);

        Assert.True(second > first);
        Assert.Equal([(first, "ticket.created", 7L), (second, "sla.breach", 7L)], all.Select(e => (e.Id, e.Kind, e.TicketId!.Value)));
        Assert.Equal("financeiro", System.Text.Json.JsonDocument.Parse(all[0].Payload).RootElement.GetProperty("queue").GetString());
        Assert.Equal(At.AddSeconds(1), Assert.Single(after).At);
    }

    [Fact]
    public async Task The_audience_is_read_back_as_written_and_an_event_without_one_is_for_everyone()
    {
        var audience = new DeskAudience(Atendimento.Routing.Tickets.SupportLevel.N2, "n2-internet", "bruno", "ana");
        await Log.AppendAsync(TenantId.Default, "ticket.assignment", 7, "{}", null, At, audience);
        await Log.AppendAsync(TenantId.Default, "sla.breach", 7, "{}", null, At);

        var read = await Log.ReadAfterAsync(TenantId.Default, 0, 10);

        Assert.Equal(audience, read[0].Audience);
        Assert.Null(read[1].For);
        Assert.Equal(DeskAudience.Everyone, read[1].Audience);
    }

    [Fact]
    public async Task The_last_id_is_the_tenant_s_newest_event_and_zero_for_an_empty_feed()
    {
        Assert.Equal(0, await Log.LastIdAsync(TenantId.Default));
        await Log.AppendAsync(TenantId.Default, "ticket.opened", 1, "{}", null, At);
        var newest = await Log.AppendAsync(TenantId.Default, "ticket.opened", 2, "{}", null, At);
        await Log.AppendAsync(Other, "ticket.opened", 3, "{}", null, At);

        Assert.Equal(newest, await Log.LastIdAsync(TenantId.Default));
    }

    [Fact]
    public async Task A_tenant_reads_only_its_own_events()
    {
        await Log.AppendAsync(Other, "ticket.created", 1, "{}", null, At);
        var ours = await Log.AppendAsync(TenantId.Default, "ticket.created", 2, "{}", null, At);

        Assert.Equal([ours], (await Log.ReadAfterAsync(TenantId.Default, 0, 10)).Select(e => e.Id));
    }

    [Fact]
    public async Task Appending_with_a_key_already_used_returns_the_first_id_and_adds_nothing()
    {
        var first = await Log.AppendAsync(TenantId.Default, "sla.breach", 3, "{}", "sla:41", At);
        var again = await Log.AppendAsync(TenantId.Default, "sla.breach", 3, "{}", "sla:41", At.AddSeconds(5));
        var otherTenant = await Log.AppendAsync(Other, "sla.breach", 3, "{}", "sla:41", At);

        Assert.Equal(first, again);
        Assert.NotEqual(first, otherTenant);
        Assert.Single(await Log.ReadAfterAsync(TenantId.Default, 0, 10));
    }

    [Fact]
    public async Task A_reader_following_concurrent_writers_by_the_last_id_it_saw_misses_none()
    {
        var writers = Enumerable.Range(0, 4).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < 40; i++)
            {
                await Log.AppendAsync(TenantId.Default, "ticket.message", writer * 100 + i, "{}", null, At);
            }
        })).ToList();
        var seen = new List<long>();
        var last = 0L;
        while (writers.Any(writer => !writer.IsCompleted) || seen.Count < 160)
        {
            foreach (var item in await Log.ReadAfterAsync(TenantId.Default, last, 7))
            {
                seen.Add(item.TicketId!.Value);
                last = item.Id;
            }
            if (writers.All(writer => writer.IsCompleted) && (await Log.ReadAfterAsync(TenantId.Default, last, 1)).Count == 0)
            {
                break;
            }
        }
        await Task.WhenAll(writers);

        Assert.Equal(160, seen.Count);
        Assert.Equal(160, seen.Distinct().Count());
    }

    [Fact]
    public async Task An_sla_event_delivered_twice_shows_once_in_the_feed()
    {
        var sink = new DeskFeedSlaSink(new DeskFeed(Log, new InMemoryMessageBus(), new FakeTimeProvider()));
        var raised = new SlaEvent(41, TenantId.Default, 3, SlaMoment.ResolutionWarning, At, At);

        await sink.DeliverAsync(raised, CancellationToken.None);
        await sink.DeliverAsync(raised, CancellationToken.None);

        var shown = Assert.Single(await Log.ReadAfterAsync(TenantId.Default, 0, 10));
        Assert.Equal(("sla.warning", 3L), (shown.Kind, shown.TicketId!.Value));
    }
}

public sealed class InMemoryDeskEventLogTests : DeskEventLogContract
{
    protected override Task<IDeskEventLog> CreateLogAsync() => Task.FromResult<IDeskEventLog>(new InMemoryDeskEventLog());
}

public sealed class PostgresDeskEventLogTests : DeskEventLogContract
{
    private readonly SchemaPerTest _database = new(RoutingDatabase.CreateSchemaAsync);

    public override Task DisposeAsync() => _database.DisposeAsync();

    protected override async Task<IDeskEventLog> CreateLogAsync()
    {
        await _database.InitializeAsync();
        return new PostgresDeskEventLog(_database.Schema.DataSource);
    }
}
