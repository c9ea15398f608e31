using Atendimento.Routing.Agents;
using Atendimento.Routing.Api;
using Atendimento.Routing.Assignment;
using Atendimento.Routing.Sla;
using Atendimento.Routing.Tickets;

namespace Atendimento.Routing.Desk.Tickets;

/// <summary>The supervisor's view of the tenant now: queues, agents' load, and the tickets whose SLA is at risk.</summary>
public sealed record SupervisorOverview(
    DateTimeOffset At, IReadOnlyList<QueueSummary> Queues, IReadOnlyList<AgentLoad> Agents, IReadOnlyList<TicketAtRisk> AtRisk)
{
    public static SupervisorOverview Of(
        IReadOnlyList<Ticket> active, IReadOnlyList<AgentStatus> agents, DateTimeOffset now, double warningFraction, BusinessCalendar calendar)
    {
        var queues = active.Where(t => t.Status is TicketStatus.Open or TicketStatus.Assigned)
            .GroupBy(t => t.Queue, StringComparer.Ordinal)
            .Select(g => new QueueSummary(g.Key, g.Count(), now - g.Min(t => t.OpenedAt)))
            .OrderByDescending(q => q.OldestWait)
            .ToList();
        var load = agents.Select(a => new AgentLoad(
                a.Agent.Id, a.Agent.Name, a.Agent.Level.ToString(), a.Agent.Capacity, a.Load, a.Presence.ToString(), a.PresenceSince))
            .ToList();
        var atRisk = active.Select(t => TicketAtRisk.Of(t, now, warningFraction, calendar)).OfType<TicketAtRisk>()
            .OrderBy(r => r.DueAt)
            .ToList();
        return new SupervisorOverview(now, queues, load, atRisk);
    }
}

/// <param name="OldestWait">How long the ticket that waits longest in the queue has been open.</param>
public sealed record QueueSummary(string Queue, int Count, TimeSpan OldestWait);

/// <param name="Load">Active tickets held by the agent (assigned, in progress, waiting on the customer).</param>
/// <param name="Presence">Online, Away or Offline; an agent who never set it is Offline.</param>
public sealed record AgentLoad(string Id, string Name, string Level, int Capacity, int Load, string Presence, DateTimeOffset? PresenceSince);

/// <summary>
/// An active ticket past the warning point of its next SLA target (first response until an agent answered, then
/// resolution). The warning point and the due time are the target's clock's, in the tenant's business calendar, so
/// pauses and escalations count as the SLA watcher counts them; a paused clock has no due time and is not at risk.
/// A ticket without clocks (none should remain after migration 0015) falls back to its stored due times.
/// </summary>
public sealed record TicketAtRisk(TicketResponse Ticket, string Target, DateTimeOffset DueAt, bool Breached)
{
    public static TicketAtRisk? Of(Ticket ticket, DateTimeOffset now, double warningFraction, BusinessCalendar calendar)
    {
        var answered = ticket.FirstResponseAt is not null;
        var (target, clock, storedDue) = !answered && (ticket.FirstResponseClock is not null || ticket.FirstResponseDueAt is not null)
            ? ("first_response", ticket.FirstResponseClock, ticket.FirstResponseDueAt)
            : ("resolution", ticket.ResolutionClock, ticket.ResolutionDueAt);
        var (warnAt, due) = clock is not null
            ? (clock.WarningAt(warningFraction, calendar), clock.Deadline(calendar))
            : (storedDue is { } d ? ticket.OpenedAt + (d - ticket.OpenedAt) * warningFraction : (DateTimeOffset?)null, storedDue);
        return warnAt is { } warning && due is { } deadline && now >= warning
            ? new TicketAtRisk(TicketResponse.From(ticket, withHandoff: false), target, deadline, now >= deadline)
            : null;
    }
}
