using Atendimento.Platform.Tenancy;

namespace Atendimento.Routing.Sla;

/// <summary>
/// A ticket by tenant and id, the order the timer reconciliation pages in. <see cref="Start"/> comes before every
/// real ticket: tenant ids are never empty.
/// </summary>
public sealed record SlaTicketKey(TenantId TenantId, long TicketId)
{
    public static readonly SlaTicketKey Start = new(new TenantId(""), long.MinValue);

    /// <summary>True when this key comes after <paramref name="other"/>: tenants in ordinal order, then ids.</summary>
    public bool IsAfter(SlaTicketKey other)
    {
        var byTenant = string.CompareOrdinal(TenantId.Value, other.TenantId.Value);
        return byTenant > 0 || (byTenant == 0 && TicketId > other.TicketId);
    }
}

/// <summary>The active tickets of every tenant, a page at a time after a key, for the SLA timer reconciliation.</summary>
public interface IActiveTicketScan
{
    Task<IReadOnlyList<Tickets.Ticket>> ActiveAfterAsync(SlaTicketKey after, int limit, CancellationToken cancellationToken = default);
}
