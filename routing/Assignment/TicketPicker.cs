using Atendimento.Routing.Agents;
using Atendimento.Routing.Tickets;

namespace Atendimento.Routing.Assignment;

/// <summary>
/// Pick mode: the calling agent takes the next ticket they can serve (exactly their level, every skill), in
/// <see cref="AssignmentOrder"/>, from any queue. Taking is an accept (the ticket goes straight to InProgress),
/// through <see cref="TicketService.AcceptAsync"/>, so it is audited and capacity-checked like any accept.
/// </summary>
public sealed class TicketPicker(IAssignmentStore store, TicketService tickets)
{
    /// <summary>How many queued tickets one try reads; a ticket taken by someone else meanwhile is skipped for the next.</summary>
    private const int Window = 20;
    private const int MaxTries = 5;

    public async Task<PickResult> NextAsync(Agent agent, CancellationToken cancellationToken = default)
    {
        var load = (await store.WorkloadsAsync(agent.TenantId, [agent.Id], cancellationToken))[agent.Id].Load;
        if (load >= agent.Capacity)
        {
            return PickResult.AtCapacity($"Agent {agent.Id} already holds {load} active tickets; their capacity is {agent.Capacity}.");
        }
        for (var attempt = 0; attempt < MaxTries; attempt++)
        {
            var queued = await store.QueuedAsync(agent.TenantId, Window, new QueueFilter(agent.Level, agent.Skills), cancellationToken: cancellationToken);
            if (queued.Count == 0)
            {
                return PickResult.Empty;
            }
            foreach (var candidate in queued)
            {
                var result = await tickets.AcceptAsync(agent, candidate.Ticket.Id, cancellationToken);
                if (result.Outcome == TicketCommandOutcome.Done)
                {
                    RoutingTelemetry.Assignments.Add(1, new KeyValuePair<string, object?>("mode", "pick"));
                    return new PickResult(result.Ticket, null);
                }
                if (result.Outcome == TicketCommandOutcome.AtCapacity)
                {
                    return PickResult.AtCapacity(result.Reason!);
                }
            }
        }
        return PickResult.Empty;
    }
}

/// <summary>The ticket taken; or none, with <see cref="Refusal"/> set when the agent may take nothing (at capacity).</summary>
public sealed record PickResult(Ticket? Ticket, string? Refusal)
{
    public static readonly PickResult Empty = new(null, null);

    public static PickResult AtCapacity(string reason) => new(null, reason);
}
