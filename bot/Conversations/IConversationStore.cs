using Atendimento.Platform.Tenancy;

namespace Atendimento.Bot.Conversations;

/// <summary>Conversation state; in-memory and PostgreSQL run the same contract tests.</summary>
public interface IConversationStore
{
    Task<ConversationState?> GetAsync(TenantId tenantId, string conversationId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Inserts (Version 0) or updates the state if its stored version is still <c>state.Version</c>.
    /// Returns the saved state with its new version, or null when someone else saved first.
    /// </summary>
    Task<ConversationState?> SaveAsync(ConversationState state, CancellationToken cancellationToken = default);

    /// <summary>Conversations of every tenant whose <see cref="ConversationState.InactivityDueAt"/> has come, earliest first.</summary>
    Task<IReadOnlyList<ConversationKey>> DueForInactivityAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default);
}

/// <summary>A conversation's identity across tenants.</summary>
public sealed record ConversationKey(TenantId TenantId, string ConversationId);
