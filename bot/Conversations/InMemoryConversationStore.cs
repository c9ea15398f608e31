using System.Collections.Concurrent;
using Atendimento.Platform.Tenancy;

namespace Atendimento.Bot.Conversations;

public sealed class InMemoryConversationStore : IConversationStore
{
    private readonly ConcurrentDictionary<(TenantId, string), ConversationState> _states = new();

    public Task<ConversationState?> GetAsync(TenantId tenantId, string conversationId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_states.GetValueOrDefault((tenantId, conversationId)));

    public Task<ConversationState?> SaveAsync(ConversationState state, CancellationToken cancellationToken = default)
    {
        var key = (state.TenantId, state.Id);
        var saved = state with { Version = state.Version + 1 };
        var done = state.Version == 0
            ? _states.TryAdd(key, saved)
            : _states.TryGetValue(key, out var current) && current.Version == state.Version && _states.TryUpdate(key, saved, current);
        return Task.FromResult(done ? saved : null);
    }


    public Task<IReadOnlyList<ConversationKey>> DueForInactivityAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ConversationKey>>(_states.Values
            .Where(state => state.InactivityDueAt <= now)
            .OrderBy(state => state.InactivityDueAt)
            .Take(limit)
            .Select(state => new ConversationKey(state.TenantId, state.Id))
            .ToList());
}
