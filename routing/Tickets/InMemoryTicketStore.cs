using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Assignment;
using Atendimento.Routing.Sla;

namespace Atendimento.Routing.Tickets;

/// <summary>The embedded default. Hands out copies, so callers see the same isolation PostgreSQL gives them.</summary>
public sealed partial class InMemoryTicketStore : ITicketStore, IAssignmentStore, IActiveTicketScan
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(TenantId, TicketId), Ticket> _tickets = [];
    private readonly Dictionary<(TenantId, TicketId), List<TicketMessage>> _messages = [];
    private readonly Dictionary<(TenantId, TicketId, string), TicketMessage> _externalIds = [];
    private readonly List<(TenantId Tenant, TicketAuditEntry Entry)> _audit = [];
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
                .Select((m, i) => new TicketMessage(created.Id, i + 1, m.Author, m.AuthorId, m.Text, m.At, m.Internal))
                .ToList();
            return Task.FromResult(new OpenResult(created with { }, Created: true));
        }
    }

    public Task<IReadOnlyList<Ticket>> ActiveAfterAsync(SlaTicketKey after, int limit, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<Ticket> page = _tickets.Values
                .Where(t => TicketLifecycle.IsActive(t.Status) && new SlaTicketKey(t.TenantId, t.Id.Value).IsAfter(after))
                .OrderBy(t => t.TenantId.Value, StringComparer.Ordinal).ThenBy(t => t.Id.Value)
                .Take(limit).Select(t => t with { }).ToList();
            return Task.FromResult(page);
        }
    }

    public Task<Ticket?> GetAsync(TenantId tenantId, TicketId id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_tickets.TryGetValue((tenantId, id), out var ticket) ? ticket with { } : null);
        }
    }

    public Task<TicketPage> ListAsync(TenantId tenantId, TicketQuery query, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var rows = _tickets.Values
                .Where(t => t.TenantId == tenantId && query.Matches(t))
                .OrderByDescending(t => t.Id.Value)
                .Take(query.Limit + 1)
                .Select(t => t with { })
                .ToList();
            return Task.FromResult(TicketPage.From(rows, query.Limit));
        }
    }

    public Task<SaveOutcome> SaveAsync(IReadOnlyList<TicketUpdate> updates, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (updates.Any(u => !_tickets.TryGetValue((u.Ticket.TenantId, u.Ticket.Id), out var stored) || stored.Version != u.Ticket.Version))
            {
                return Task.FromResult(SaveOutcome.Stale);
            }
            if (updates.Any(u => GivesConversationASecondActiveTicket(u.Ticket)))
            {
                return Task.FromResult(SaveOutcome.ConversationHasActiveTicket);
            }
            if (updates.Any(u => u.Claim is { } claim && HeldBy(u.Ticket.TenantId, claim.AgentId, except: u.Ticket.Id) >= claim.Capacity))
            {
                return Task.FromResult(SaveOutcome.AgentAtCapacity);
            }
            foreach (var (ticket, audit, _) in updates)
            {
                _tickets[(ticket.TenantId, ticket.Id)] = ticket with { Version = ticket.Version + 1 };
                foreach (var entry in audit)
                {
                    _audit.Add((ticket.TenantId, new TicketAuditEntry(ticket.Id, _audit.Count + 1, entry)));
                }
            }
            return Task.FromResult(SaveOutcome.Saved);
        }
    }

    public Task<IReadOnlyList<TicketAuditEntry>> GetAuditAsync(TenantId tenantId, TicketId id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<TicketAuditEntry> log = _audit.Where(a => a.Tenant == tenantId && a.Entry.TicketId == id).Select(a => a.Entry).ToList();
            return Task.FromResult(log);
        }
    }

    /// <summary>Copies of a tenant's tickets and audit lines, for the in-memory KPIs (InMemoryKpiStore).</summary>
    internal (IReadOnlyList<Ticket> Tickets, IReadOnlyList<TicketAuditEntry> Audit) Snapshot(TenantId tenantId)
    {
        lock (_gate)
        {
            return (_tickets.Values.Where(t => t.TenantId == tenantId).Select(t => t with { }).ToList(),
                _audit.Where(a => a.Tenant == tenantId).Select(a => a.Entry).ToList());
        }
    }

    private bool GivesConversationASecondActiveTicket(Ticket ticket) =>
        TicketLifecycle.IsActive(ticket.Status) && _tickets.Values.Any(other =>
            other.TenantId == ticket.TenantId && other.Id != ticket.Id && other.ConversationRef == ticket.ConversationRef
            && TicketLifecycle.IsActive(other.Status));

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
            var stored = new TicketMessage(id, log.Count + 1, message.Author, message.AuthorId, message.Text, message.At, message.Internal);
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
