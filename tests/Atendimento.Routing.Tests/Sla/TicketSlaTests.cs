using Atendimento.Routing.Sla;
using Atendimento.Routing.Tests.Delivery;
using Atendimento.Routing.Tests.Tickets;
using Atendimento.Routing.Tickets;
using Atendimento.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using static Atendimento.Routing.Tests.Sla.BusinessCalendarTests;
using static Atendimento.Routing.Tests.Tickets.Agents;
using static Atendimento.Routing.Tests.Tickets.TicketBuilder;

namespace Atendimento.Routing.Tests.Sla;

/// <summary>
/// A ticket's SLA clocks through every operation, in the tenant's business calendar (São Paulo, 08-12 and 13-18 on
/// weekdays, Tiradentes on Tuesday 2026-04-21 a holiday), with the fake clock; timers are checked by firing them.
/// </summary>
public sealed class TicketSlaTests
{
    private static readonly TimeZoneInfo SaoPaulo = TimeZoneInfo.FindSystemTimeZoneById("America/Sao_Paulo");
    private static readonly DateTimeOffset MondayTen = Local("2026-04-20T10:00", SaoPaulo);

    private readonly FakeTimeProvider _clock = new(MondayTen);
    private readonly InMemoryTicketStore _store = new();
    private readonly InMemorySlaTimerStore _timers = new();
    private readonly TicketSla _sla;
    private readonly TicketService _service;

    public TicketSlaTests()
    {
        var rows = new TicketOptions
        {
            Sla =
            [
                new SlaTarget { Priority = TicketPriority.Normal, Level = SupportLevel.N2, FirstResponse = TimeSpan.FromHours(1), Resolution = TimeSpan.FromHours(8) },
                new SlaTarget { Priority = TicketPriority.High, Level = SupportLevel.N2, FirstResponse = TimeSpan.FromMinutes(30), Resolution = TimeSpan.FromHours(4) },
                new SlaTarget { Priority = TicketPriority.Normal, Level = SupportLevel.N3, FirstResponse = TimeSpan.FromMinutes(30), Resolution = TimeSpan.FromHours(4) },
            ],
        };
        _sla = TicketServices.Sla(rows, BusinessHours(), _timers);
        _service = TicketServices.Create(_store, new RecordingCustomerConversations(), _clock, options: rows, sla: _sla);
    }

    [Fact]
    public async Task Opened_on_friday_evening_the_clocks_count_only_business_time_into_monday()
    {
        var ticket = await OpenAsync(at: Local("2026-04-17T17:30", SaoPaulo));

        // Half an hour on Friday, the rest from Monday 08:00.
        Assert.Equal(Local("2026-04-20T08:30", SaoPaulo), ticket.FirstResponseDueAt);
        Assert.Equal(Local("2026-04-20T16:30", SaoPaulo), ticket.ResolutionDueAt);
    }

    [Fact]
    public async Task A_holiday_is_skipped_and_the_lunch_break_does_not_count()
    {
        var ticket = await OpenAsync(at: Local("2026-04-20T17:00", SaoPaulo));

        // Monday 17-18 (1 h), Tuesday is Tiradentes, Wednesday 08-12 (4 h) and 13-16 (3 h).
        Assert.Equal(Local("2026-04-22T16:00", SaoPaulo), ticket.ResolutionDueAt);
        Assert.Equal(Local("2026-04-20T18:00", SaoPaulo), ticket.FirstResponseDueAt);
    }

    [Fact]
    public async Task The_first_reply_in_time_is_met_and_its_warning_and_breach_never_fire()
    {
        var ticket = await OpenAsync();
        await _service.AcceptAsync(Ana, ticket.Id);
        _clock.Advance(TimeSpan.FromMinutes(20));

        var replied = (await _service.ReplyAsync(Ana, ticket.Id, "Olá, vou verificar.")).Ticket!;

        Assert.False(replied.FirstResponseBreached);
        Assert.Null(replied.ResolutionBreached);
        Assert.Equal(Local("2026-04-20T11:00", SaoPaulo), replied.FirstResponseDueAt);
        Assert.Empty(await FireAtAsync(Local("2026-04-20T12:00", SaoPaulo)));
    }

    [Fact]
    public async Task A_late_first_reply_is_breached_after_its_warning_and_breach_fired_once_each()
    {
        var ticket = await OpenAsync();
        await _service.AcceptAsync(Ana, ticket.Id);

        var fired = await FireAtAsync(Local("2026-04-20T11:05", SaoPaulo));
        var replied = (await _service.ReplyAsync(Ana, ticket.Id, "Desculpe a demora.")).Ticket!;

        Assert.Equal([SlaMoment.FirstResponseWarning, SlaMoment.FirstResponseBreach], fired.Select(e => e.Moment));
        Assert.Equal(Local("2026-04-20T10:42", SaoPaulo), fired[0].DueAt);
        Assert.True(replied.FirstResponseBreached);
        Assert.Empty(await FireAtAsync(Local("2026-04-20T12:00", SaoPaulo)));
    }

    [Fact]
    public async Task Waiting_on_the_customer_pauses_only_the_resolution_clock_and_their_reply_resumes_it()
    {
        var ticket = await OpenAsync();
        await _service.AcceptAsync(Ana, ticket.Id);
        _clock.Advance(TimeSpan.FromMinutes(30));

        var waiting = (await _service.WaitOnCustomerAsync(Ana, ticket.Id, "Pedi o número do modem")).Ticket!;
        var firedWhileWaiting = await FireAtAsync(Local("2026-04-22T09:00", SaoPaulo));
        var back = (await new CustomerMessages(Writer()).RecordAsync(Acme, ticket.Id, _clock.GetUtcNow())).Ticket!;

        Assert.Null(waiting.ResolutionDueAt);
        Assert.Equal(Local("2026-04-20T11:00", SaoPaulo), waiting.FirstResponseDueAt);
        // Nobody answered: the first response went on and breached; the resolution held still for two days.
        Assert.Equal([SlaMoment.FirstResponseWarning, SlaMoment.FirstResponseBreach], firedWhileWaiting.Select(e => e.Moment));
        // Half an hour used on Monday; 7.5 h from Wednesday 09:00: 09-12 and 13-17:30.
        Assert.Equal((TicketStatus.InProgress, Local("2026-04-22T17:30", SaoPaulo)), (back.Status, back.ResolutionDueAt));
        Assert.Equal(TimeSpan.FromMinutes(30), back.ResolutionClock!.Consumed);
    }

    [Fact]
    public async Task Resolving_in_time_is_met_keeps_the_deadline_and_closing_leaves_no_timer()
    {
        var ticket = await OpenAsync();
        await _service.AcceptAsync(Ana, ticket.Id);
        await _service.ReplyAsync(Ana, ticket.Id, "Vou verificar.");
        _clock.Advance(TimeSpan.FromHours(1));

        var resolved = (await _service.ResolveAsync(Ana, ticket.Id, "Modem reiniciado.")).Ticket!;
        await _service.CloseAsync(Ana, ticket.Id, null);

        Assert.False(resolved.ResolutionBreached);
        Assert.Equal(Local("2026-04-22T09:00", SaoPaulo), resolved.ResolutionDueAt);
        Assert.Equal(TimeSpan.FromHours(1), resolved.ResolutionClock!.Consumed);
        Assert.Empty(await FireAtAsync(Local("2026-05-04T09:00", SaoPaulo)));
    }

    [Fact]
    public async Task Reopening_continues_the_resolution_clock_with_the_time_used_before_and_waits_for_a_new_verdict()
    {
        var ticket = await OpenAsync();
        await _service.AcceptAsync(Ana, ticket.Id);
        await _service.ReplyAsync(Ana, ticket.Id, "Vou verificar.");
        _clock.Advance(TimeSpan.FromHours(1));
        await _service.ResolveAsync(Ana, ticket.Id, "Modem reiniciado.");
        _clock.Advance(Local("2026-04-22T08:00", SaoPaulo) - _clock.GetUtcNow());

        var reopened = (await _service.ReopenAsync(Ana, ticket.Id, "Voltou a cair.")).Ticket!;

        Assert.Null(reopened.ResolutionBreached);
        Assert.False(reopened.FirstResponseBreached);
        // One hour was used; seven remain from Wednesday 08:00.
        Assert.Equal(Local("2026-04-22T16:00", SaoPaulo), reopened.ResolutionDueAt);
        var fired = await FireAtAsync(Local("2026-04-22T16:00", SaoPaulo));
        Assert.Equal([SlaMoment.ResolutionWarning, SlaMoment.ResolutionBreach], fired.Select(e => e.Moment));
    }

    [Fact]
    public async Task Escalating_serves_the_new_levels_targets_keeping_the_time_used_and_moves_the_timers()
    {
        var ticket = await OpenAsync();
        _clock.Advance(TimeSpan.FromMinutes(20));

        var escalated = (await _service.EscalateAsync(Ana, ticket.Id, "Precisa de N3", queue: null)).Ticket!;
        var fired = await FireAtAsync(Local("2026-04-20T10:30", SaoPaulo));

        // N3: 30 minutes and 4 hours from the opening at 10:00, not from the escalation.
        Assert.Equal((Local("2026-04-20T10:30", SaoPaulo), Local("2026-04-20T15:00", SaoPaulo)), (escalated.FirstResponseDueAt, escalated.ResolutionDueAt));
        Assert.Equal([SlaMoment.FirstResponseWarning, SlaMoment.FirstResponseBreach], fired.Select(e => e.Moment));
        Assert.Equal(Local("2026-04-20T10:21", SaoPaulo), fired[0].DueAt);
    }

    [Fact]
    public async Task Deescalating_goes_back_to_the_lower_levels_targets_keeping_the_time_used()
    {
        var ticket = await OpenAsync();
        _clock.Advance(TimeSpan.FromMinutes(10));
        await _service.EscalateAsync(Ana, ticket.Id, "Precisa de N3", queue: null);
        _clock.Advance(TimeSpan.FromMinutes(10));

        var back = (await _service.DeescalateAsync(Carla, ticket.Id, "Era configuração simples", queue: null)).Ticket!;

        Assert.Equal((Local("2026-04-20T11:00", SaoPaulo), Local("2026-04-22T09:00", SaoPaulo)), (back.FirstResponseDueAt, back.ResolutionDueAt));
        Assert.Empty(await FireAtAsync(Local("2026-04-20T10:41", SaoPaulo)));
    }

    [Fact]
    public async Task A_priority_change_serves_the_new_rows_targets_keeping_the_time_used()
    {
        var ticket = await OpenAsync();
        _clock.Advance(TimeSpan.FromMinutes(10));

        var high = (await _service.ChangePriorityAsync(Ana, ticket.Id, TicketPriority.High, "Cliente sem serviço")).Ticket!;

        Assert.Equal((Local("2026-04-20T10:30", SaoPaulo), Local("2026-04-20T15:00", SaoPaulo)), (high.FirstResponseDueAt, high.ResolutionDueAt));
        Assert.Equal(TimeSpan.FromMinutes(30), high.FirstResponseClock!.Target);
    }

    [Fact]
    public async Task A_ticket_without_a_row_is_measured_from_the_moment_an_escalation_puts_it_under_one()
    {
        var ticket = await OpenAsync(level: SupportLevel.N1);
        _clock.Advance(TimeSpan.FromMinutes(20));

        var escalated = (await _service.EscalateAsync(Davi, ticket.Id, "Precisa de N2", queue: null)).Ticket!;

        Assert.Null(ticket.FirstResponseClock);
        Assert.Equal(SlaClock.Start(TimeSpan.FromHours(1), _clock.GetUtcNow()), escalated.FirstResponseClock);
        Assert.Equal(Local("2026-04-20T11:20", SaoPaulo), escalated.FirstResponseDueAt);
    }

    [Fact]
    public async Task Cancelling_leaves_no_timer_and_no_verdict()
    {
        var ticket = await OpenAsync();
        _clock.Advance(TimeSpan.FromMinutes(5));

        var cancelled = (await _service.CancelAsync(Ana, ticket.Id, "Cliente desistiu")).Ticket!;

        Assert.Equal(((bool?)null, (bool?)null), (cancelled.FirstResponseBreached, cancelled.ResolutionBreached));
        Assert.Empty(await FireAtAsync(Local("2026-05-04T09:00", SaoPaulo)));
    }

    [Fact]
    public async Task Merging_a_duplicate_ends_its_timers_while_the_target_keeps_its_own()
    {
        var duplicate = await OpenAsync(conversation: "directline:conv-1");
        var target = await OpenAsync(conversation: "directline:conv-2");

        await _service.MergeAsync(Ana, duplicate.Id, target.Id, "Mesmo problema");
        var fired = await FireAtAsync(Local("2026-04-20T11:00", SaoPaulo));

        Assert.All(fired, e => Assert.Equal(target.Id.Value, e.TicketId));
        Assert.Equal([SlaMoment.FirstResponseWarning, SlaMoment.FirstResponseBreach], fired.Select(e => e.Moment));
    }

    [Fact]
    public async Task The_store_round_trips_the_clocks_so_a_reloaded_ticket_goes_on_where_it_stood()
    {
        var ticket = await OpenAsync();
        await _service.AcceptAsync(Ana, ticket.Id);
        _clock.Advance(TimeSpan.FromMinutes(30));
        await _service.WaitOnCustomerAsync(Ana, ticket.Id, null);

        var reloaded = (await _store.GetAsync(Acme, ticket.Id))!;

        Assert.Equal(new SlaClock(TimeSpan.FromHours(8), TimeSpan.FromMinutes(30), null, null, _clock.GetUtcNow()), reloaded.ResolutionClock);
        Assert.Equal(SlaClock.Start(TimeSpan.FromHours(1), MondayTen), reloaded.FirstResponseClock);
    }

    internal static SlaOptions BusinessHours() => new()
    {
        Calendars =
        {
            ["sp-comercial"] = new SlaCalendarOptions
            {
                TimeZone = "America/Sao_Paulo",
                Week = Enum.GetValues<DayOfWeek>().Where(d => d is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                    .ToDictionary(d => d, _ => new List<string> { "08:00-12:00", "13:00-18:00" }),
                Holidays = [new DateOnly(2026, 4, 21)],
            },
        },
        TenantCalendars = { ["acme"] = "sp-comercial" },
    };

    /// <summary>Opens like the handoff does: clocks started by the policy, then the timers scheduled.</summary>
    private async Task<Ticket> OpenAsync(DateTimeOffset? at = null, string conversation = "directline:conv-1", SupportLevel level = SupportLevel.N2)
    {
        var request = ATicket().ForTenant(Acme).ForConversation(conversation).ForCustomer("cliente-1").AtLevel(level).OpenedAt(at ?? MondayTen).BuildRequest();
        var opened = (await _store.OpenAsync(_sla.Start(request), [])).Ticket;
        await _sla.ScheduleAsync(opened);
        return opened;
    }

    private async Task<IReadOnlyList<SlaEvent>> FireAtAsync(DateTimeOffset at)
    {
        if (at > _clock.GetUtcNow())
        {
            _clock.Advance(at - _clock.GetUtcNow());
        }
        return await _timers.FireDueAsync(at, 100);
    }

    private TicketWriter Writer() => new(_store, _clock, NullLogger<TicketWriter>.Instance, sla: _sla);
}
