using Atendimento.Platform.Tenancy;

namespace Atendimento.Routing.Agents;

/// <summary>Whether an agent takes work: only Online agents are given tickets; Away keeps what they hold; Offline returns what they have not accepted.</summary>
public enum AgentPresence
{
    Offline,
    Away,
    Online,
}

/// <summary>An agent's presence and since when. An agent never set is Offline.</summary>
public sealed record AgentPresenceState(TenantId TenantId, string AgentId, AgentPresence Presence, DateTimeOffset? Since)
{
    public static AgentPresenceState Never(TenantId tenantId, string agentId) => new(tenantId, agentId, AgentPresence.Offline, null);
}
