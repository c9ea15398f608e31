using System.Globalization;
using System.Text.Json;
using Atendimento.Handoff;
using Atendimento.Integration.Tests.Api;
using Atendimento.Integration.Tests.Hosting;
using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Desk.Feed;
using Atendimento.Routing.Sla;
using Atendimento.Routing.Tickets;
using Atendimento.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Atendimento.Integration.Tests.Sla;

/// <summary>
/// The SLA on a real host over PostgreSQL and Redis, with the fake clock: a handoff opens a ticket under the
/// tenant's business-hours calendar, the watcher raises each moment once into the agents' feed, and waiting on the
/// customer holds the resolution clock still until they write again.
/// </summary>
public sealed class TicketSlaEndToEndTests : IAsyncLifetime
{
    private static readonly TimeZoneInfo SaoPaulo = TimeZoneInfo.FindSystemTimeZoneById("America/Sao_Paulo");
    private readonly FakeTimeProvider _clock = new(Local("2026-04-20T10:00").ToUniversalTime());
    private PostgresSchema _schema = null!;
    private AtendimentoHost _host = null!;

    public async Task InitializeAsync()
    {
        _schema = await PostgresSchema.CreateAsync();
        _host = AtendimentoHost.Start(_schema.ConnectionString, TestEnvironment.Redis, Settings(), services => services.AddSingleton<TimeProvider>(_clock));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _schema.DisposeAsync();
    }

    [Fact]
    public async Task Handoff_in_business_hours_warns_once_in_the_feed_and_waiting_on_the_customer_holds_the_resolution_clock()
    {
        using var ana = new TicketApi(_host, AtendimentoHost.AnaKey);
        var ticket = await HandOffAsync();
        Assert.Equal((Local("2026-04-20T11:00"), Local("2026-04-22T09:00")), (ticket.FirstResponseDueAt, ticket.ResolutionDueAt));

        MoveClockTo(Local("2026-04-20T10:42"));
        await Eventually.TrueAsync(async () => (await FeedAsync(ticket.Id)).Count == 1, "the first-response warning in the feed");
        await PassAsync();
        Assert.Equal([("sla.warning", "first_response_warning", Local("2026-04-20T10:42"))], await FeedAsync(ticket.Id));

        MoveClockTo(Local("2026-04-20T10:45"));
        await AcceptAsync(ticket.Id);
        var waiting = await ana.OkAsync(ticket.Id.Value, "wait-on-customer", new { reason = "Pedi o número do modem" });
        Assert.Null(waiting.ResolutionDueAt);

        // Two days later (Tuesday a holiday): the resolution would have warned and breached by now had it run.
        MoveClockTo(Local("2026-04-22T09:00"));
        await Eventually.TrueAsync(async () => (await FeedAsync(ticket.Id)).Count == 2, "the first-response breach in the feed");
        await PassAsync();
        Assert.Equal(["first_response_warning", "first_response_breach"], (await FeedAsync(ticket.Id)).Select(e => e.Moment));

        var back = await _host.Services.GetRequiredService<CustomerMessages>().RecordAsync(TenantId.Default, ticket.Id, _clock.GetUtcNow());
        Assert.Equal(TicketStatus.InProgress, back.Ticket!.Status);
        // 45 minutes used on Monday; 7 h 15 left from Wednesday 09:00. The warning (5 h 36 in) is due at 14:51.
        Assert.Equal(Local("2026-04-22T17:15"), (await ana.GetAsync(ticket.Id.Value)).ResolutionDueAt);

        MoveClockTo(Local("2026-04-22T14:51"));
        await Eventually.TrueAsync(async () => (await FeedAsync(ticket.Id)).Count == 3, "the resolution warning in the feed");
        await PassAsync();
        Assert.Equal(("sla.warning", "resolution_warning", Local("2026-04-22T14:51")), (await FeedAsync(ticket.Id))[^1]);
    }

    private static Dictionary<string, string?> Settings()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Sla:Calendars:sp-comercial:TimeZone"] = "America/Sao_Paulo",
            ["Sla:Calendars:sp-comercial:Holidays:0"] = "2026-04-21",
            ["Sla:TenantCalendars:default"] = "sp-comercial",
            ["Routing:Tickets:Sla:0:Priority"] = "Normal",
            ["Routing:Tickets:Sla:0:Level"] = "N1",
            ["Routing:Tickets:Sla:0:FirstResponse"] = "01:00:00",
            ["Routing:Tickets:Sla:0:Resolution"] = "08:00:00",
        };
        foreach (var day in new[] { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday" })
        {
            settings[$"Sla:Calendars:sp-comercial:Week:{day}:0"] = "08:00-12:00";
            settings[$"Sla:Calendars:sp-comercial:Week:{day}:1"] = "13:00-18:00";
        }
        return settings;
    }

    private async Task<Ticket> HandOffAsync()
    {
        var record = new HandoffRecord(Guid.NewGuid(), "explicit_request", SupportLevel.N1, "atendimento-geral", ["geral"], null, null, [],
            new Dictionary<string, string>(), [], "directline", "Maria", _clock.GetUtcNow());
        return await _host.Services.GetRequiredService<HandoffService>().InitiateAsync(TenantId.Default, $"test:{Guid.NewGuid():N}", record);
    }

    /// <summary>Accepts in the store: the API's accept would greet a customer this test has no conversation for.</summary>
    private async Task AcceptAsync(TicketId id)
    {
        var store = _host.Services.GetRequiredService<ITicketStore>();
        var ticket = (await store.GetAsync(TenantId.Default, id))!;
        Assert.True(ticket.Accept("ana", _clock.GetUtcNow()).Succeeded);
        Assert.True(await store.SaveAsync(ticket));
    }

    private void MoveClockTo(DateTimeOffset at) => _clock.Advance(at - _clock.GetUtcNow());

    /// <summary>One more pass of the watcher and the deliveries, so an event that should not exist has had its chance.</summary>
    private async Task PassAsync()
    {
        await _host.Services.GetServices<IHostedService>().OfType<SlaWatcher>().Single().FireDueAsync(CancellationToken.None);
        await _host.Services.GetRequiredService<SlaDeliveries>().DeliverPendingAsync(CancellationToken.None);
    }

    private async Task<List<(string Kind, string Moment, DateTimeOffset DueAt)>> FeedAsync(TicketId id)
    {
        var events = await _host.Services.GetRequiredService<IDeskEventLog>().ReadAfterAsync(TenantId.Default, 0, 100);
        return events.Where(e => e.TicketId == id.Value && e.Kind.StartsWith("sla.", StringComparison.Ordinal)).Select(e =>
        {
            using var payload = JsonDocument.Parse(e.Payload);
            return (e.Kind, payload.RootElement.GetProperty("moment").GetString()!, payload.RootElement.GetProperty("dueAt").GetDateTimeOffset());
        }).ToList();
    }

    private static DateTimeOffset Local(string localTime)
    {
        var local = DateTime.Parse(localTime, CultureInfo.InvariantCulture);
        return new DateTimeOffset(local, SaoPaulo.GetUtcOffset(local));
    }
}
