using Atendimento.Platform.Tenancy;

namespace Atendimento.Routing.Desk.Identity;

/// <summary>Desk accounts per tenant; in-memory and PostgreSQL run the same contract tests.</summary>
public interface IDeskUserStore
{
    Task<DeskUser?> FindAsync(TenantId tenantId, string userName, CancellationToken cancellationToken = default);

    /// <summary>Creates the account or replaces it (same tenant and normalised user name).</summary>
    Task UpsertAsync(DeskUser user, CancellationToken cancellationToken = default);
}
