using Atendimento.Bot.Activities;

namespace Atendimento.Bot.Channels.DirectLine;

public sealed class InMemoryDirectLineStore : IDirectLineStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DirectLineConversation> _conversations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Activity>> _activities = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string), Activity> _byKey = [];

    public Task CreateAsync(DirectLineConversation conversation, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_conversations.TryAdd(conversation.Id, conversation))
            {
                throw new InvalidOperationException($"Conversation {conversation.Id} already exists.");
            }
            _activities[conversation.Id] = [];
        }
        return Task.CompletedTask;
    }

    public Task<DirectLineConversation?> GetAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_conversations.GetValueOrDefault(conversationId));
        }
    }

    public Task<bool> MarkStartedAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_conversations.TryGetValue(conversationId, out var conversation) || conversation.Started)
            {
                return Task.FromResult(false);
            }
            _conversations[conversationId] = conversation with { Started = true };
            return Task.FromResult(true);
        }
    }

    public Task<AppendResult> AppendAsync(string conversationId, Activity activity, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var log = _activities.TryGetValue(conversationId, out var existing)
                ? existing
                : throw new KeyNotFoundException($"Conversation {conversationId} does not exist.");
            var key = DirectLineActivityIds.DeliveryKey(activity);
            if (key is not null && _byKey.TryGetValue((conversationId, key), out var first))
            {
                return Task.FromResult(new AppendResult(first, Duplicate: true));
            }
            var stored = DirectLineActivityIds.Stamp(activity, conversationId, log.Count + 1);
            log.Add(stored);
            if (key is not null)
            {
                _byKey[(conversationId, key)] = stored;
            }
            return Task.FromResult(new AppendResult(stored, Duplicate: false));
        }
    }

    public Task<ActivityPage> ReadAfterAsync(string conversationId, long watermark, int max, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var log = _activities.GetValueOrDefault(conversationId) ?? [];
            var page = log.Skip((int)Math.Clamp(watermark, 0, log.Count)).Take(max).ToList();
            return Task.FromResult(new ActivityPage(page, Math.Max(watermark, watermark + page.Count)));
        }
    }
}
