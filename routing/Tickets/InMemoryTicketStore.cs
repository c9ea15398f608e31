using Atendimento.Platform.Tenancy;

namespace Atendimento.Routing.Tickets;

/// <summary>The embedded default. Hands out copies, so callers see the same isolation PostgreSQL gives them.</summary>
public sealed class InMemoryTicketStore : ITicketStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(TenantId, TicketId), Ticket> _tickets = [];
    private readonly Dictionary<(TenantId, TicketId), List<TicketMessage>> _messages = [];
    private readonly Dictionary<(TenantId, TicketId, string), TicketMessage> _externalIds = [];
    private long _lastId;

    public Task<OpenResult> OpenAsync(NewTicket ticket, IReadOnlyList<NewTicketMessage> transcript, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var active = _tickets.Values.FirstOrDefault(t =>
                t.TenantId == ticket.TenantId && t.ConversationRef == ticket.ConversationRef && TicketLifecycle.IsActive(t.Status));
            if (active is not null)
            {
                return Task.FromResult(new OpenResult(active with { }, Created: false));
            }
            var created = TicketFactory.Create(new TicketId(++_lastId), ticket);
            _tickets[(ticket.TenantId, created.Id)] = created;
            _messages[(ticket.TenantId, created.Id)] = transcript
                .Select((m, i) => new TicketMessage(created.Id, i + 1, m.Author, m.AuthorId, m.Text, m.At))
                .ToList();
            return Task.FromResult(new OpenResult(created with { }, Created: true));
        }
    }

    public Task<Ticket?> GetAsync(TenantId tenantId, TicketId id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_tickets.TryGetValue((tenantId, id), out var ticket) ? ticket with { } : null);
        }
    }

    public Task<IReadOnlyList<Ticket>> ListAsync(TenantId tenantId, TicketStatus? status, int limit, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<Ticket> list = _tickets.Values
                .Where(t => t.TenantId == tenantId && (status is null || t.Status == status))
                .OrderByDescending(t => t.Id.Value)
                .Take(limit)
                .Select(t => t with { })
                .ToList();
            return Task.FromResult(list);
        }
    }

    public Task<bool> SaveAsync(Ticket ticket, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var key = (ticket.TenantId, ticket.Id);
            if (!_tickets.TryGetValue(key, out var stored) || stored.Version != ticket.Version)
            {
                return Task.FromResult(false);
            }
            _tickets[key] = ticket with { Version = ticket.Version + 1 };
            return Task.FromResult(true);
        }
    }

    public Task<TicketMessage> AppendMessageAsync(TenantId tenantId, TicketId id, NewTicketMessage message, CancellationToken cancellationToken = default) =>
        Task.FromResult(Append(tenantId, id, message, whileActive: false)!);

    public Task<TicketMessage?> AppendWhileActiveAsync(TenantId tenantId, TicketId id, NewTicketMessage message, CancellationToken cancellationToken = default) =>
        Task.FromResult(Append(tenantId, id, message, whileActive: true));

    private TicketMessage? Append(TenantId tenantId, TicketId id, NewTicketMessage message, bool whileActive)
    {
        lock (_gate)
        {
            if (!_messages.TryGetValue((tenantId, id), out var log))
            {
                throw new KeyNotFoundException($"Ticket {id} does not exist for tenant {tenantId}.");
            }
            if (message.ExternalId is not null && _externalIds.TryGetValue((tenantId, id, message.ExternalId), out var existing))
            {
                return existing;
            }
            if (whileActive && !TicketLifecycle.IsActive(_tickets[(tenantId, id)].Status))
            {
                return null;
            }
            var stored = new TicketMessage(id, log.Count + 1, message.Author, message.AuthorId, message.Text, message.At);
            log.Add(stored);
            if (message.ExternalId is not null)
            {
                _externalIds[(tenantId, id, message.ExternalId)] = stored;
            }
            return stored;
        }
    }

    public Task<IReadOnlyList<TicketMessage>> GetMessagesAsync(TenantId tenantId, TicketId id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<TicketMessage> log = _messages.TryGetValue((tenantId, id), out var messages) ? [.. messages] : [];
            return Task.FromResult(log);
        }
    }
}
