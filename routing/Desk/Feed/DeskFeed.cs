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

    public async Task<long> PublishAsync(TenantId tenantId, string kind, long? ticketId, string payload, string? dedupeKey, CancellationToken cancellationToken = default)
    {
        var id = await log.AppendAsync(tenantId, kind, ticketId, payload, dedupeKey, clock.GetUtcNow(), cancellationToken);
        await bus.PublishAsync(Topic(tenantId), id.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        return id;
    }

    /// <summary>Sends every event after <paramref name="afterId"/>, then each new one as it comes, until cancelled.</summary>
    public async Task FollowAsync(TenantId tenantId, long afterId, Func<DeskEvent, Task> send, Func<Task> heartbeat, CancellationToken cancellationToken)
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
                await send(item);
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
