using Atendimento.Routing.Agents;

namespace Atendimento.Routing.Assignment;

/// <summary>An agent as routing sees them at one moment: who they are, presence, load and when they were last given work.</summary>
public sealed record AgentStatus(Agent Agent, AgentPresence Presence, DateTimeOffset? PresenceSince, int Load, DateTimeOffset? LastAssignedAt)
{
    public int Spare => Agent.Capacity - Load;

    /// <summary>
    /// Idle since the later of their last assignment and the moment they came online: an agent who just came
    /// back has not been waiting for work all the time they were away.
    /// </summary>
    public DateTimeOffset? IdleSince => Presence != AgentPresence.Online ? null
        : (LastAssignedAt, PresenceSince) switch
        {
            (null, var since) => since,
            (var last, null) => last,
            (var last, var since) => last > since ? last : since,
        };
}
