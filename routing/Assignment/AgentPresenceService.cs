using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Agents;
using Atendimento.Routing.Tickets;
using Microsoft.Extensions.Logging;

namespace Atendimento.Routing.Assignment;

/// <summary>
/// Changes an agent's presence and what follows from it: coming Online wakes the dispatcher; going Offline
/// returns the tickets assigned to the agent and not yet accepted to their queues (audited as the system, reason
/// <see cref="RoutingReasons.AgentOffline"/>). Tickets the agent accepted stay with them: the customer is already
/// talking to that person. Public so that the desk's cookie endpoints can call it too.
/// </summary>
public sealed partial class AgentPresenceService(
    IAgentDirectory agents, IAgentPresenceStore presence, ITicketStore tickets, TicketService service, AgentRoster roster,
    AssignmentSignal signal, TimeProvider clock, ILogger<AgentPresenceService> logger)
{
    private const int ReturnPageSize = 200;

    /// <summary>
    /// Sets <paramref name="agentId"/>'s presence; returns the agent as the roster shows them after the change, or
    /// null when <paramref name="tenantId"/> has no such agent.
    /// </summary>
    public async Task<AgentStatus?> SetAsync(TenantId tenantId, string agentId, AgentPresence value, CancellationToken cancellationToken = default)
    {
        if (await agents.GetAsync(tenantId, agentId, cancellationToken) is null)
        {
            return null;
        }
        var previous = await presence.SetAsync(tenantId, agentId, value, clock.GetUtcNow(), cancellationToken);
        LogPresence(tenantId.Value, agentId, previous.Presence.ToString(), value.ToString());
        if (value == AgentPresence.Offline)
        {
            await ReturnWaitingTicketsAsync(tenantId, agentId, cancellationToken);
        }
        else if (value == AgentPresence.Online)
        {
            await signal.RaiseAsync(cancellationToken);
        }
        return await roster.GetAsync(tenantId, agentId, cancellationToken);
    }

    /// <summary>
    /// Returns every ticket assigned to the agent and not accepted yet to its queue; how many went back. Also run
    /// by the dispatcher's sweep for Offline agents, for an assignment that raced the agent going offline.
    /// </summary>
    public async Task<int> ReturnWaitingTicketsAsync(TenantId tenantId, string agentId, CancellationToken cancellationToken = default)
    {
        var returned = 0;
        var page = await tickets.ListAsync(tenantId, new TicketQuery(Status: TicketStatus.Assigned, AssigneeId: agentId, Limit: ReturnPageSize), cancellationToken);
        foreach (var ticket in page.Items)
        {
            var result = await service.ReturnToQueueAsync(tenantId, ticket.Id, agentId, cancellationToken);
            if (result.Outcome == TicketCommandOutcome.Done)
            {
                returned++;
                LogReturned(tenantId.Value, ticket.Id.Value, agentId);
            }
        }
        return returned;
    }

    [LoggerMessage(EventId = 3560, Level = LogLevel.Information, Message = "Agent {AgentId} of tenant {TenantId}: {From} -> {To}")]
    private partial void LogPresence(string tenantId, string agentId, string from, string to);

    [LoggerMessage(EventId = 3561, Level = LogLevel.Information, Message = "Ticket {TicketId} of tenant {TenantId} returned to its queue: agent {AgentId} went offline")]
    private partial void LogReturned(string tenantId, long ticketId, string agentId);
}
