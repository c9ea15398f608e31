using System.Text.Json;
using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Tickets;

namespace Atendimento.Routing.Tests.Kpis;

/// <summary>
/// A hand-built set of tickets whose KPIs are worked out by hand in <see cref="KpiStoreContract"/>. B is Monday
/// 2026-11-02 08:00 UTC; the period measured is Monday and Tuesday, [2026-11-02, 2026-11-04).
/// <code>
/// ticket  tenant  level prio    queue   channel    opened  assigned accepted 1st answer resolved  1st due  res due  audit              status
/// T1      acme    N1    Normal  geral   directline B       B+2m     B+3m     B+5m       B+65m     B+10m    B+120m                      Resolved
/// T2      acme    N2    High    tecnico whatsapp   B+10m   B+12m    -        B+30m      B+130m    B+20m    B+250m   Escalate           Resolved
/// T3      acme    N1    Normal  geral   directline B+20m   B+21m    B+21m    B+24m      -         B+30m    B+60m    TransferToQueue    InProgress
/// T4      acme    N1    Normal  geral   directline B+30m   -        -        -          -         B+40m    -                           Open
/// T5      acme    N1    Normal  geral   directline B+40m   -        -        -          -         B+50m    -                           Cancelled
/// T6      acme    N1    Urgent  geral   directline B+1d    B+1d     B+1d     B+1d+1m    B+1d+10m  B+1d+5m  -        TransferToAgent,   Resolved
///                                                                                                                   Escalate
/// T7      acme    N1    Normal  geral   directline B-1d    B-1d     B-1d+5m  B-1d+10m   B+5m      -        B+10m                       Resolved
/// T8      globex  N1    Normal  geral   directline B       B        B        B+1m       B+2m      B+10m    B+20m    Escalate           Resolved
/// T9      acme    N2    Normal  tecnico directline B+3d    B+3d     B+3d     B+3d+1m    -         -        -                           WaitingOnCustomer
/// </code>
/// The rows above have no SLA verdicts (first_response_breached, resolution_breached), as tickets stored before the
/// verdicts existed; the KPIs then judge by the deadlines. Initech's tickets carry verdicts as the SLA clocks set them:
/// <code>
/// ticket  tenant   level prio   opened  1st answer resolved  1st due  res due  1st verdict  res verdict  status
/// I1      initech  N1    Normal B       B+5m       B+200m    B+10m    -        met          met          Resolved (its resolution clock was paused when it was resolved, so it has no deadline)
/// I2      initech  N1    Normal B+10m   B+40m      -         B+20m    -        breached     -            WaitingOnCustomer (paused)
/// </code>
/// </summary>
internal static class KpiDataSet
{
    public static readonly TenantId Acme = new("acme");
    public static readonly TenantId Globex = new("globex");
    public static readonly TenantId Initech = new("initech");
    public static readonly DateTimeOffset B = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset From = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset To = new(2026, 11, 4, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Later = new(2026, 11, 10, 0, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset M(double minutes) => B.AddMinutes(minutes);

    public static async Task SeedAsync(ITicketStore store)
    {
        const double Day = 24 * 60;
        await AddAsync(store, "t1", Acme, SupportLevel.N1, TicketPriority.Normal, "geral", "directline", M(0), TicketStatus.Resolved,
            assigned: M(2), accepted: M(3), answered: M(5), resolved: M(65), firstDue: M(10), resolutionDue: M(120));
        await AddAsync(store, "t2", Acme, SupportLevel.N2, TicketPriority.High, "tecnico", "whatsapp", M(10), TicketStatus.Resolved,
            assigned: M(12), answered: M(30), resolved: M(130), firstDue: M(20), resolutionDue: M(250), audit: [TicketAction.Escalate]);
        await AddAsync(store, "t3", Acme, SupportLevel.N1, TicketPriority.Normal, "geral", "directline", M(20), TicketStatus.InProgress,
            assigned: M(21), accepted: M(21), answered: M(24), firstDue: M(30), resolutionDue: M(60), audit: [TicketAction.TransferToQueue]);
        await AddAsync(store, "t4", Acme, SupportLevel.N1, TicketPriority.Normal, "geral", "directline", M(30), TicketStatus.Open, firstDue: M(40));
        await AddAsync(store, "t5", Acme, SupportLevel.N1, TicketPriority.Normal, "geral", "directline", M(40), TicketStatus.Cancelled, firstDue: M(50));
        await AddAsync(store, "t6", Acme, SupportLevel.N1, TicketPriority.Urgent, "geral", "directline", M(Day), TicketStatus.Resolved,
            assigned: M(Day), accepted: M(Day), answered: M(Day + 1), resolved: M(Day + 10), firstDue: M(Day + 5),
            audit: [TicketAction.TransferToAgent, TicketAction.Escalate]);
        await AddAsync(store, "t7", Acme, SupportLevel.N1, TicketPriority.Normal, "geral", "directline", M(-Day), TicketStatus.Resolved,
            assigned: M(-Day), accepted: M(-Day + 5), answered: M(-Day + 10), resolved: M(5), resolutionDue: M(10));
        await AddAsync(store, "t8", Globex, SupportLevel.N1, TicketPriority.Normal, "geral", "directline", M(0), TicketStatus.Resolved,
            assigned: M(0), accepted: M(0), answered: M(1), resolved: M(2), firstDue: M(10), resolutionDue: M(20), audit: [TicketAction.Escalate]);
        await AddAsync(store, "t9", Acme, SupportLevel.N2, TicketPriority.Normal, "tecnico", "directline", M(3 * Day), TicketStatus.WaitingOnCustomer,
            assigned: M(3 * Day), accepted: M(3 * Day), answered: M(3 * Day + 1));
        await AddAsync(store, "i1", Initech, SupportLevel.N1, TicketPriority.Normal, "geral", "directline", M(0), TicketStatus.Resolved,
            assigned: M(1), accepted: M(1), answered: M(5), resolved: M(200), firstDue: M(10), firstBreached: false, resolutionBreached: false);
        await AddAsync(store, "i2", Initech, SupportLevel.N1, TicketPriority.Normal, "geral", "directline", M(10), TicketStatus.WaitingOnCustomer,
            assigned: M(11), accepted: M(11), answered: M(40), firstDue: M(20), firstBreached: true);
    }

    private static async Task AddAsync(ITicketStore store, string name, TenantId tenant, SupportLevel level, TicketPriority priority,
        string queue, string channel, DateTimeOffset opened, TicketStatus status, DateTimeOffset? assigned = null, DateTimeOffset? accepted = null,
        DateTimeOffset? answered = null, DateTimeOffset? resolved = null, DateTimeOffset? firstDue = null, DateTimeOffset? resolutionDue = null,
        TicketAction[]? audit = null, bool? firstBreached = null, bool? resolutionBreached = null)
    {
        using var handoff = JsonDocument.Parse("""{"reasonCode":"explicit_request"}""");
        var request = new NewTicket(tenant, $"kpi:{name}", channel, null, level, queue, [], "explicit_request", handoff.RootElement.Clone(), opened, priority)
        {
            FirstResponseDueAt = firstDue,
            ResolutionDueAt = resolutionDue,
        };
        var ticket = (await store.OpenAsync(request, [])).Ticket;
        ticket.Status = status;
        ticket.AssigneeId = assigned is null ? null : "ana";
        ticket.AssignedAt = assigned;
        ticket.AcceptedAt = accepted;
        ticket.FirstResponseAt = answered;
        ticket.ResolvedAt = resolved;
        ticket.FirstResponseBreached = firstBreached;
        ticket.ResolutionBreached = resolutionBreached;
        ticket.CancelledAt = status == TicketStatus.Cancelled ? opened.AddMinutes(15) : null;
        var lines = (audit ?? []).Select(action =>
            new NewAuditEntry(action, TicketActor.Agent("ana"), "kpi test", null, null, status, status, opened.AddMinutes(1))).ToArray();
        Assert.True(await store.SaveAsync(ticket, lines), $"{name} was not saved");
    }
}
