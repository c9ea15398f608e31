using Atendimento.Bot.Conversations;
using Atendimento.Platform.Leases;
using Atendimento.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Atendimento.Bot.Tests.Conversations;

/// <summary>One turn at a time per conversation, across instances through the Redis lease, and never stuck on Redis.</summary>
public sealed class TurnLocksTests
{
    [Fact]
    public async Task Two_instances_sharing_redis_never_run_turns_of_one_conversation_at_the_same_time()
    {
        using var firstRedis = await ConnectionMultiplexer.ConnectAsync(TestEnvironment.Redis);
        using var secondRedis = await ConnectionMultiplexer.ConnectAsync(TestEnvironment.Redis);
        TurnLocks[] instances = [Locks(new RedisLease(firstRedis, NullLogger<RedisLease>.Instance)), Locks(new RedisLease(secondRedis, NullLogger<RedisLease>.Instance))];
        var key = "default/test:" + Guid.NewGuid().ToString("N");
        var inside = 0;
        var mostInside = 0;

        await Task.WhenAll(Enumerable.Range(0, 24).Select(turn => Task.Run(async () =>
        {
            await using (await instances[turn % 2].AcquireAsync(key))
            {
                var now = Interlocked.Increment(ref inside);
                InterlockedMax(ref mostInside, now);
                await Task.Delay(5);
                Interlocked.Decrement(ref inside);
            }
        })));

        Assert.Equal(1, mostInside);
    }

    [Fact]
    public async Task When_the_lease_store_fails_the_turn_still_runs_and_the_local_gate_still_holds()
    {
        var locks = Locks(new FailingLease());

        var first = await locks.AcquireAsync("default/test:1");
        var second = locks.AcquireAsync("default/test:1");
        await Task.Delay(50);
        Assert.False(second.IsCompleted);

        await first.DisposeAsync();
        var acquired = await second.WaitAsync(TimeSpan.FromSeconds(10));
        await acquired.DisposeAsync();
    }

    private static TurnLocks Locks(IDistributedLease lease) => new(lease, TimeProvider.System, NullLogger<TurnLocks>.Instance);

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    private sealed class FailingLease : IDistributedLease
    {
        public Task<IAsyncDisposable?> TryAcquireAsync(string name, TimeSpan timeToLive, CancellationToken cancellationToken = default) =>
            throw new TimeoutException("Redis did not answer");
    }
}
