using Atendimento.Routing.Tickets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Atendimento.Routing.Sla;

/// <summary>
/// Rewrites every ticket's SLA timers from its stored clocks once, at start-up. A ticket change is saved first and
/// its timers rescheduled right after (<see cref="TicketSla.AfterSaveAsync"/>); a process that stopped in between
/// left timers that no longer match the ticket: a breach alert for a customer already answered, or no alert for a
/// clock that started again. Two passes cover both: tickets holding a timer still to fire (stale ones get moved or
/// cancelled, ended tickets lose theirs) and active tickets (missing ones get written).
/// </summary>
public sealed partial class SlaTimerReconciliation(
    ISlaTimerStore timers, IActiveTicketScan activeTickets, ITicketStore tickets, TicketSla sla, TimeProvider clock,
    ILogger<SlaTimerReconciliation> logger) : BackgroundService
{
    public const int PageSize = 500;
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                LogReconciled(await ReconcileAsync(stoppingToken));
                return;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // A database still starting must not stop the host; the live timers keep working meanwhile.
                LogReconcileFailed(exception, RetryAfter.TotalSeconds);
                await Task.Delay(RetryAfter, clock, stoppingToken);
            }
        }
    }

    /// <summary>Both passes; returns how many tickets had their timers rewritten, each once.</summary>
    public async Task<int> ReconcileAsync(CancellationToken cancellationToken = default)
    {
        // Most tickets holding a pending timer are active too: the second pass skips those the first one rewrote.
        var rewritten = new HashSet<SlaTicketKey>();
        for (var after = SlaTicketKey.Start; ;)
        {
            var page = await timers.PendingAfterAsync(after, PageSize, cancellationToken);
            foreach (var key in page)
            {
                await RewriteAsync(await tickets.GetAsync(key.TenantId, new TicketId(key.TicketId), cancellationToken), key, cancellationToken);
                rewritten.Add(key);
            }
            if (page.Count < PageSize)
            {
                break;
            }
            after = page[^1];
        }
        for (var after = SlaTicketKey.Start; ;)
        {
            var page = await activeTickets.ActiveAfterAsync(after, PageSize, cancellationToken);
            // A ticket without clocks (no SLA row matched it) has no timers to miss.
            foreach (var ticket in page.Where(ticket => ticket.FirstResponseClock is not null || ticket.ResolutionClock is not null))
            {
                var key = new SlaTicketKey(ticket.TenantId, ticket.Id.Value);
                if (rewritten.Add(key))
                {
                    await RewriteAsync(ticket, key, cancellationToken);
                }
            }
            if (page.Count < PageSize)
            {
                return rewritten.Count;
            }
            after = new SlaTicketKey(page[^1].TenantId, page[^1].Id.Value);
        }
    }

    /// <summary>
    /// Writes the timers the ticket's clocks give, then reads the ticket again: a change saved meanwhile may have
    /// rescheduled before this write landed, so the write is repeated until the version holds still.
    /// </summary>
    private async Task RewriteAsync(Ticket? ticket, SlaTicketKey key, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (ticket is null)
            {
                // Timers of a ticket that no longer exists must not raise alerts.
                await sla.CancelAsync(key.TenantId, key.TicketId, cancellationToken);
                return;
            }
            await sla.ScheduleAsync(ticket, cancellationToken);
            var current = await tickets.GetAsync(ticket.TenantId, ticket.Id, cancellationToken);
            if (current?.Version == ticket.Version)
            {
                return;
            }
            ticket = current;
        }
    }

    [LoggerMessage(EventId = 3602, Level = LogLevel.Information, Message = "SLA timers checked against their tickets: {Tickets} rewritten")]
    private partial void LogReconciled(int tickets);

    [LoggerMessage(EventId = 3603, Level = LogLevel.Warning, Message = "Could not check the SLA timers against their tickets; trying again in {Seconds} s")]
    private partial void LogReconcileFailed(Exception exception, double seconds);
}
