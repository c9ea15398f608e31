using Atendimento.Routing.Agents;
using Atendimento.Routing.Tickets;

namespace Atendimento.Routing.Assignment;

/// <summary>
/// Who gets a queued ticket: an Online agent of exactly the ticket's level, with every skill the ticket asks for
/// and load below capacity; among them the most spare capacity, then the longest idle, then the id (stable).
/// Pure: the dispatcher feeds it a snapshot and the store's capacity claim settles races.
/// </summary>
public static class AssignmentPolicy
{
    /// <summary>
    /// Level is matched exactly here, unlike a manual accept (where the level is a floor): the engine should not
    /// spend an N3 agent on N1 work; a ticket nobody at its level takes overflows upwards instead.
    /// </summary>
    public static bool CanTake(Agent agent, Ticket ticket) =>
        agent.Level == ticket.Level && ticket.Skills.All(skill => agent.Skills.Contains(skill, StringComparer.Ordinal));

    public static AgentStatus? Choose(Ticket ticket, IEnumerable<AgentStatus> agents) =>
        agents.Where(a => a.Presence == AgentPresence.Online && a.Spare > 0 && CanTake(a.Agent, ticket))
            .OrderByDescending(a => a.Spare)
            .ThenBy(a => a.IdleSince ?? DateTimeOffset.MinValue)
            .ThenBy(a => a.Agent.Id, StringComparer.Ordinal)
            .FirstOrDefault();
}
