using Atendimento.Platform.Messaging;
using Atendimento.Platform.Tenancy;

namespace Atendimento.Routing.Desk.Feed;

/// <summary>
/// Writes to the agents' feed and follows it. The log in the store is the truth; a message on the bus only wakes
/// the streams (on every instance, through Redis), and a lost wake-up costs at most one heartbeat of delay.
/// </summary>
public sealed class DeskFeed(IDeskEventLog log, IMessageBus bus, TimeProvider clock)
{
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);
    private const int Page = 100;

    public Task<long> PublishAsync(TenantId tenantId, string kind, long? ticketId, string payload, string? dedupeKey, CancellationToken cancellationToken = default) =>
        PublishAsync(tenantId, kind, ticketId, payload, dedupeKey, audience: null, cancellationToken);

    /// <summary>Appends an event for <paramref name="audience"/> (null: every desk user of the tenant) and wakes the streams.</summary>
    public async Task<long> PublishAsync(TenantId tenantId, string kind, long? ticketId, string payload, string? dedupeKey, DeskAudience? audience,
        CancellationToken cancellationToken = default)
    {
        var id = await log.AppendAsync(tenantId, kind, ticketId, payload, dedupeKey, clock.GetUtcNow(), audience, cancellationToken);
        await bus.PublishAsync(Topic(tenantId), id.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        return id;
    }

    /// <summary>Sends every event after <paramref name="afterId"/>, then each new one as it comes, until cancelled.</summary>
    public Task FollowAsync(TenantId tenantId, long afterId, Func<DeskEvent, Task> send, Func<Task> heartbeat, CancellationToken cancellationToken) =>
        FollowAsync(tenantId, afterId, _ => true, send, heartbeat, cancellationToken);

    /// <summary>
    /// Like the other overload, sending only the events <paramref name="visible"/> accepts. The position moves past
    /// the hidden ones too, so a reconnect from the last id sent skips them again and repeats nothing.
    /// </summary>
    public async Task FollowAsync(TenantId tenantId, long afterId, Func<DeskEvent, bool> visible, Func<DeskEvent, Task> send, Func<Task> heartbeat,
        CancellationToken cancellationToken)
    {
        using var wake = new SemaphoreSlim(0);
        await using var subscription = await bus.SubscribeAsync(Topic(tenantId), _ =>
        {
            wake.Release();
            return Task.CompletedTask;
        }, cancellationToken);
        var last = afterId;
        while (!cancellationToken.IsCancellationRequested)
        {
            var events = await log.ReadAfterAsync(tenantId, last, Page, cancellationToken);
            foreach (var item in events)
            {
                if (visible(item))
                {
                    await send(item);
                }
                last = item.Id;
            }
            if (events.Count == Page)
            {
                continue;
            }
            if (!await wake.WaitAsync(Heartbeat, cancellationToken))
            {
                await heartbeat();
            }
        }
    }

    private static string Topic(TenantId tenantId) => $"desk.events:{tenantId.Value}";
}
