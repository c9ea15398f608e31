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

    [Fact]
    public async Task A_redis_that_stops_answering_fails_the_lease_call_instead_of_holding_the_turn_forever()
    {
        await using var redis = await FrozenRedis.StartAsync();
        using var connection = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{redis.Port},abortConnect=false");
        var lease = new RedisLease(connection, NullLogger<RedisLease>.Instance);
        await using (await lease.TryAcquireAsync("warm-up", TimeSpan.FromSeconds(5)))
        {
        }

        redis.Freeze();

        // The connection stays open and the command is written, but no answer ever comes.
        var acquiring = lease.TryAcquireAsync("turn:frozen", TimeSpan.FromSeconds(5));
        var first = await Task.WhenAny(acquiring, Task.Delay(TimeSpan.FromSeconds(60)));
        Assert.Same(acquiring, first);
        await Assert.ThrowsAsync<TimeoutException>(() => acquiring);
    }

    private static TurnLocks Locks(IDistributedLease lease) => new(lease, TimeProvider.System, NullLogger<TurnLocks>.Instance);

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    /// <summary>A private redis-server that a test can stop with SIGSTOP: alive to TCP, silent to commands.</summary>
    private sealed class FrozenRedis : IAsyncDisposable
    {
        private readonly System.Diagnostics.Process _server;

        private FrozenRedis(System.Diagnostics.Process server, int port) => (_server, Port) = (server, port);

        public int Port { get; }

        public static async Task<FrozenRedis> StartAsync()
        {
            var port = FreePort();
            var server = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("redis-server",
                ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
            {
                RedirectStandardOutput = true,
                UseShellExecute = false,
            })!;
            server.OutputDataReceived += (_, _) => { };
            server.BeginOutputReadLine();
            var redis = new FrozenRedis(server, port);
            await Eventually.TrueAsync(() => Task.FromResult(redis.Accepts()), "the private redis-server listening");
            return redis;
        }

        public void Freeze() => Signal("STOP");

        public async ValueTask DisposeAsync()
        {
            Signal("CONT");
            _server.Kill();
            await _server.WaitForExitAsync();
            _server.Dispose();
        }

        private void Signal(string signal) =>
            System.Diagnostics.Process.Start("kill", ["-" + signal, _server.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();

        private bool Accepts()
        {
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                client.Connect(System.Net.IPAddress.Loopback, Port);
                return true;
            }
            catch (System.Net.Sockets.SocketException)
            {
                return false;
            }
        }

        private static int FreePort()
        {
            using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            listener.Start();
            return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }
    }

    private sealed class FailingLease : IDistributedLease
    {
        public Task<IAsyncDisposable?> TryAcquireAsync(string name, TimeSpan timeToLive, CancellationToken cancellationToken = default) =>
            throw new TimeoutException("Redis did not answer");
    }
}
