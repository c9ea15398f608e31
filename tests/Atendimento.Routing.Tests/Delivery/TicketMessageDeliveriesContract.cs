using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Delivery;
using Atendimento.Routing.Tickets;
using Atendimento.Testing;

namespace Atendimento.Routing.Tests.Delivery;

/// <summary>What every <see cref="ITicketMessageDeliveries"/> promises; each implementation runs these facts.</summary>
public abstract class TicketMessageDeliveriesContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly TenantId Loja = new("loja");
    private static readonly TicketId Ticket = new(42);
    private ITicketMessageDeliveries _deliveries = null!;

    public async Task InitializeAsync() => _deliveries = await CreateAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected abstract Task<ITicketMessageDeliveries> CreateAsync();

    [Fact]
    public async Task A_line_moves_forward_only_read_may_skip_delivered_and_nothing_leaves_read()
    {
        Assert.True(await _deliveries.RecordAsync(Loja, Line(3, MessageDeliveryState.Queued, 0)));
        Assert.True(await _deliveries.RecordAsync(Loja, Line(3, MessageDeliveryState.Sent, 1)));
        Assert.True(await _deliveries.RecordAsync(Loja, Line(3, MessageDeliveryState.Read, 3)));
        Assert.False(await _deliveries.RecordAsync(Loja, Line(3, MessageDeliveryState.Delivered, 4)));
        Assert.False(await _deliveries.RecordAsync(Loja, Line(3, MessageDeliveryState.Failed, 5, 131047)));

        var line = (await _deliveries.ForTicketAsync(Loja, Ticket))[3];
        Assert.Equal((MessageDeliveryState.Read, (int?)null, Now.AddSeconds(3)), (line.State, line.ErrorCode, line.UpdatedAt));
    }

    [Fact]
    public async Task A_failure_keeps_its_code_and_title_and_only_a_restart_moves_it_again()
    {
        await _deliveries.RecordAsync(Loja, Line(3, MessageDeliveryState.Sent, 1));
        Assert.True(await _deliveries.RecordAsync(Loja, Line(3, MessageDeliveryState.Failed, 2, 131047)));
        Assert.False(await _deliveries.RecordAsync(Loja, Line(3, MessageDeliveryState.Delivered, 3)));

        var failed = (await _deliveries.ForTicketAsync(Loja, Ticket))[3];
        Assert.Equal((MessageDeliveryState.Failed, 131047, "24-hour window closed"), (failed.State, failed.ErrorCode, failed.ErrorTitle));
        Assert.True(await _deliveries.RecordAsync(Loja, Line(3, MessageDeliveryState.Queued, 4), restart: true));
        Assert.Equal(MessageDeliveryState.Queued, (await _deliveries.ForTicketAsync(Loja, Ticket))[3].State);
    }

    [Fact]
    public async Task Lines_are_kept_per_tenant_and_ticket()
    {
        await _deliveries.RecordAsync(Loja, Line(1, MessageDeliveryState.Sent, 1));
        await _deliveries.RecordAsync(Loja, Line(2, MessageDeliveryState.Delivered, 1));
        await _deliveries.RecordAsync(new TenantId("outra"), Line(1, MessageDeliveryState.Read, 1));

        var lines = await _deliveries.ForTicketAsync(Loja, Ticket);
        Assert.Equal([(1L, MessageDeliveryState.Sent), (2L, MessageDeliveryState.Delivered)], lines.OrderBy(l => l.Key).Select(l => (l.Key, l.Value.State)));
        Assert.Empty(await _deliveries.ForTicketAsync(Loja, new TicketId(43)));
    }

    private static MessageDelivery Line(long sequence, MessageDeliveryState state, int second, int? code = null) =>
        new(Ticket, sequence, state, code, code is null ? null : "24-hour window closed", Now.AddSeconds(second));
}

public sealed class InMemoryTicketMessageDeliveriesTests : TicketMessageDeliveriesContract
{
    protected override Task<ITicketMessageDeliveries> CreateAsync() => Task.FromResult<ITicketMessageDeliveries>(new InMemoryTicketMessageDeliveries());
}

public sealed class PostgresTicketMessageDeliveriesTests : TicketMessageDeliveriesContract
{
    private readonly SchemaPerTest _database = new(RoutingDatabase.CreateSchemaAsync);

    public override Task DisposeAsync() => _database.DisposeAsync();

    protected override async Task<ITicketMessageDeliveries> CreateAsync()
    {
        await _database.InitializeAsync();
        return new PostgresTicketMessageDeliveries(_database.Schema.DataSource);
    }
}
