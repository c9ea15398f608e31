using Atendimento.Platform.Tenancy;

namespace Atendimento.Bot.Channels.WhatsApp;

public sealed class InMemoryWhatsAppOutbox : IWhatsAppOutbox
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(TenantId, string), OutboundMessage> _messages = [];

    public Task<OutboundMessage> AddAsync(OutboundMessage message, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_messages.TryAdd((message.TenantId, message.Id), message) ? message : _messages[(message.TenantId, message.Id)]);
        }
    }

    public Task<OutboundMessage?> GetAsync(TenantId tenantId, string id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_messages.GetValueOrDefault((tenantId, id)));
        }
    }

    public Task MarkSentAsync(TenantId tenantId, string id, string wamid, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        Update(tenantId, id, m => m.State == DeliveryState.Queued ? m with { State = DeliveryState.Sent, Wamid = wamid, UpdatedAt = at } : m);

    public Task MarkFailedAsync(TenantId tenantId, string id, int errorCode, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        Update(tenantId, id, m => m.State == DeliveryState.Queued ? m with { State = DeliveryState.Failed, ErrorCode = errorCode, UpdatedAt = at } : m);

    public Task<StatusOutcome> ApplyStatusAsync(TenantId tenantId, string wamid, DeliveryState state, int? errorCode, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var found = _messages.Values.FirstOrDefault(m => m.TenantId == tenantId && m.Wamid == wamid);
            if (found is null || !DeliveryStates.CanMove(found.State, state))
            {
                return Task.FromResult(found is null ? StatusOutcome.UnknownMessage : StatusOutcome.Unchanged);
            }
            _messages[(tenantId, found.Id)] = found with { State = state, ErrorCode = errorCode ?? found.ErrorCode, UpdatedAt = at };
            return Task.FromResult(StatusOutcome.Applied);
        }
    }

    private Task Update(TenantId tenantId, string id, Func<OutboundMessage, OutboundMessage> change)
    {
        lock (_gate)
        {
            if (_messages.TryGetValue((tenantId, id), out var message))
            {
                _messages[(tenantId, id)] = change(message);
            }
        }
        return Task.CompletedTask;
    }
}
