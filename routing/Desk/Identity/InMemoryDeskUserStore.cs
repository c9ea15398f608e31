using System.Collections.Concurrent;
using Atendimento.Platform.Tenancy;

namespace Atendimento.Routing.Desk.Identity;

public sealed class InMemoryDeskUserStore : IDeskUserStore
{
    private readonly ConcurrentDictionary<(TenantId, string), DeskUser> _users = new();

    public Task<DeskUser?> FindAsync(TenantId tenantId, string userName, CancellationToken cancellationToken = default) =>
        Task.FromResult(_users.GetValueOrDefault((tenantId, DeskUser.Normalize(userName))));

    public Task UpsertAsync(DeskUser user, CancellationToken cancellationToken = default)
    {
        var normalized = user with { UserName = DeskUser.Normalize(user.UserName) };
        _users[(user.TenantId, normalized.UserName)] = normalized;
        return Task.CompletedTask;
    }
}
