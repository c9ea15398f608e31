using Atendimento.Platform.Tenancy;

namespace Atendimento.Bot.Channels.WhatsApp;

/// <summary>One webhook change (<c>entry[].changes[].value</c>) accepted for a tenant, as JSON text, before it is processed.</summary>
public sealed record InboxEntry(TenantId TenantId, string PhoneNumberId, string Payload, DateTimeOffset ReceivedAt);

/// <summary>An accepted change handed to one processor until its lease ends; <see cref="Attempts"/> counts the claims.</summary>
public sealed record InboxItem(long Id, InboxEntry Entry, int Attempts);

/// <summary>
/// Webhooks accepted durably before Meta gets its 200, drained by the processor. A row leaves the pending set only
/// when it is completed (or set aside), so a crash between acceptance and processing loses nothing. Also remembers
/// the keys already handled (message ids, (message id, status) pairs) because Meta delivers at least once.
/// </summary>
public interface IWhatsAppInbox
{
    /// <summary>Stores all the entries of one webhook, or none.</summary>
    Task AcceptAsync(IReadOnlyList<InboxEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="max"/> pending rows whose lease has ended, oldest first, leased until <paramref name="leaseUntil"/>.</summary>
    Task<IReadOnlyList<InboxItem>> ClaimAsync(int max, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default);

    Task CompleteAsync(long id, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Takes the row out of the pending set without processing it (a dead letter), keeping it for inspection.</summary>
    Task SetAsideAsync(long id, DateTimeOffset at, CancellationToken cancellationToken = default);

    Task<int> CountPendingAsync(CancellationToken cancellationToken = default);

    Task<bool> WasHandledAsync(TenantId tenantId, string key, CancellationToken cancellationToken = default);

    Task MarkHandledAsync(TenantId tenantId, string key, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Forgets keys handled before <paramref name="before"/> and deletes rows completed before it; dead letters stay.</summary>
    Task PurgeAsync(DateTimeOffset before, CancellationToken cancellationToken = default);
}
