using Atendimento.Routing.Desk.Identity;
using Atendimento.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Atendimento.Routing.Tests.Desk;

/// <summary>What every <see cref="ISignInThrottle"/> promises; each implementation runs these facts on a fake clock.</summary>
public abstract class SignInThrottleContract
{
    private readonly string _account = "user:acme/" + Guid.NewGuid().ToString("N");
    private readonly string _address = "address:" + Guid.NewGuid().ToString("N");

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero));

    protected abstract ISignInThrottle Create();

    [Fact]
    public async Task Five_attempts_are_counted_and_the_sixth_waits_for_the_rest_of_the_window()
    {
        var throttle = Create();
        for (var i = 0; i < SignInThrottle.MaxFailures; i++)
        {
            Assert.Null(await throttle.TryBeginAsync([_account, _address]));
            Clock.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal(SignInThrottle.Window - TimeSpan.FromMinutes(5), await throttle.TryBeginAsync([_account, _address]));

        Clock.Advance(SignInThrottle.Window - TimeSpan.FromMinutes(5));
        Assert.Null(await throttle.TryBeginAsync([_account, _address]));
    }

    [Fact]
    public async Task A_success_takes_its_attempt_back()
    {
        var throttle = Create();
        for (var i = 0; i < SignInThrottle.MaxFailures; i++)
        {
            Assert.Null(await throttle.TryBeginAsync([_account]));
        }
        await throttle.SucceededAsync([_account]);

        Assert.Null(await throttle.TryBeginAsync([_account]));
        Assert.NotNull(await throttle.TryBeginAsync([_account]));
    }

    [Fact]
    public async Task A_refused_attempt_counts_against_none_of_its_keys()
    {
        var throttle = Create();
        for (var i = 0; i < SignInThrottle.MaxFailures; i++)
        {
            await throttle.TryBeginAsync([_address]);
        }

        Assert.NotNull(await throttle.TryBeginAsync([_account, _address]));

        for (var i = 0; i < SignInThrottle.MaxFailures; i++)
        {
            Assert.Null(await throttle.TryBeginAsync([_account]));
        }
    }
}

public sealed class InMemorySignInThrottleTests : SignInThrottleContract
{
    protected override ISignInThrottle Create() => new InMemorySignInThrottle(Clock);
}

/// <summary>Against the real Redis of ./test.sh: two throttles on one server share the count, as two instances would.</summary>
public sealed class RedisSignInThrottleTests : SignInThrottleContract, IDisposable
{
    private readonly Lazy<ConnectionMultiplexer> _redis = new(() => ConnectionMultiplexer.Connect(TestEnvironment.Redis));

    /// <summary>This test's own deployment: the Redis of ./test.sh is shared by every test of the run.</summary>
    private static IOptions<DeskOptions> Namespace { get; } = Options.Create(new DeskOptions { SignInThrottleNamespace = Guid.NewGuid().ToString("N") });

    [Fact]
    public async Task Another_deployment_on_the_same_redis_keeps_its_own_count()
    {
        var account = "user:acme/" + Guid.NewGuid().ToString("N");
        var other = Options.Create(new DeskOptions { SignInThrottleNamespace = Guid.NewGuid().ToString("N") });
        for (var i = 0; i < SignInThrottle.MaxFailures; i++)
        {
            Assert.Null(await Create().TryBeginAsync([account]));
        }

        Assert.Null(await new RedisSignInThrottle(_redis.Value, Clock, other, NullLogger<RedisSignInThrottle>.Instance).TryBeginAsync([account]));
    }

    [Fact]
    public async Task Two_instances_share_one_count()
    {
        var account = "user:acme/" + Guid.NewGuid().ToString("N");
        for (var i = 0; i < SignInThrottle.MaxFailures; i++)
        {
            Assert.Null(await Create().TryBeginAsync([account]));
        }

        Assert.Equal(SignInThrottle.Window, await Create().TryBeginAsync([account]));
    }

    [Fact]
    public async Task Without_redis_an_instance_still_counts_on_its_own()
    {
        using var unreachable = ConnectionMultiplexer.Connect("127.0.0.1:1,abortConnect=false,connectTimeout=200,syncTimeout=200");
        var throttle = new RedisSignInThrottle(unreachable, Clock, Namespace, NullLogger<RedisSignInThrottle>.Instance);
        var account = "user:acme/" + Guid.NewGuid().ToString("N");
        for (var i = 0; i < SignInThrottle.MaxFailures; i++)
        {
            Assert.Null(await throttle.TryBeginAsync([account]));
        }

        Assert.NotNull(await throttle.TryBeginAsync([account]));
    }

    public void Dispose()
    {
        if (_redis.IsValueCreated)
        {
            _redis.Value.Dispose();
        }
    }

    protected override ISignInThrottle Create() => new RedisSignInThrottle(_redis.Value, Clock, Namespace, NullLogger<RedisSignInThrottle>.Instance);
}
