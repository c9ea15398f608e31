using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Agents;
using Atendimento.Routing.Assignment;

namespace Atendimento.Routing.Tickets;

/// <summary>
/// What the routing engine does to tickets, as the system (actor kind System, id "routing"), through the same
/// writer as agents' commands: audited, versioned, and capacity-checked. Each re-checks what it saw, so a ticket
/// that changed since the engine read it is left alone rather than acted on twice.
/// </summary>
public sealed partial class TicketService
{
    public static readonly TicketActor RoutingActor = new(ActorKind.System, "routing");

    /// <summary>Push mode: gives the queued ticket to <paramref name="agent"/>, who must still accept it.</summary>
    public Task<TicketCommandResult> AssignByRoutingAsync(Agent agent, TicketId id, CancellationToken cancellationToken = default) =>
        writer.ChangeAsync(agent.TenantId, id, RoutingActor, RoutingReasons.Push, ticket => ticket.Status != TicketStatus.Open
            ? TransitionResult.Rejected(ticket.Status, $"Ticket {id} is no longer queued.")
            : !AssignmentPolicy.CanTake(agent, ticket)
                ? TransitionResult.Rejected(ticket.Status, $"Ticket {id} no longer fits agent {agent.Id}.")
                : ticket.Assign(agent, writer.Now), cancellationToken);

    /// <summary>The agent went offline before accepting: the ticket goes back to its queue, unassigned.</summary>
    public Task<TicketCommandResult> ReturnToQueueAsync(TenantId tenant, TicketId id, string agentId, CancellationToken cancellationToken = default) =>
        writer.ChangeAsync(tenant, id, RoutingActor, RoutingReasons.AgentOffline, ticket =>
            ticket.Status == TicketStatus.Assigned && ticket.AssigneeId == agentId
                ? ticket.TransferToQueue(ticket.Queue)
                : TransitionResult.Rejected(ticket.Status, $"Ticket {id} is not waiting for {agentId} any more."), cancellationToken);

    /// <summary>
    /// The ticket waited in its queue longer than the queue allows: one level up into that level's queue, or to
    /// the fallback queue. Only if it is still the ticket that was seen waiting (same version), so two instances
    /// that both saw it overdue move it once.
    /// </summary>
    public Task<TicketCommandResult> OverflowAsync(Ticket seen, QueueOptions queue, CancellationToken cancellationToken = default) =>
        writer.ChangeAsync(seen.TenantId, seen.Id, RoutingActor, RoutingReasons.QueueOverflow, ticket =>
            ticket.Version != seen.Version || ticket.Status != TicketStatus.Open
                ? TransitionResult.Rejected(ticket.Status, $"Ticket {seen.Id} changed since it was seen waiting.")
                : queue.Overflow == OverflowTarget.FallbackQueue
                    ? ticket.TransferToQueue(queue.FallbackQueue!)
                    : ticket.Escalate(RoutingReasons.QueueOverflow, options.Value.QueueFor(Above(ticket.Level)), writer.Now),
            cancellationToken);
}

/// <summary>The reason codes routing writes in the audit log.</summary>
public static class RoutingReasons
{
    public const string Push = "push_assignment";
    public const string AgentOffline = "agent_offline";
    public const string QueueOverflow = "queue_overflow";
}
