using Atendimento.Platform.Tenancy;

namespace Atendimento.Routing.Desk.Identity;

/// <summary>What a person may do in the desk: agents answer, supervisors also watch queues and agents, admins also configure.</summary>
public enum DeskRole
{
    Agent,
    Supervisor,
    Admin,
}

/// <summary>
/// A person who signs in to the agent desk, within one tenant. <see cref="AgentId"/> links an agent's account to
/// the agent that tickets are assigned to; <see cref="PasswordHash"/> is ASP.NET Core's PasswordHasher format.
/// </summary>
public sealed record DeskUser(TenantId TenantId, string UserName, string DisplayName, DeskRole Role, string? AgentId, string PasswordHash)
{
    /// <summary>User names are compared without case: "Ana" and "ana" are one account.</summary>
    public static string Normalize(string userName) => userName.Trim().ToLowerInvariant();
}
