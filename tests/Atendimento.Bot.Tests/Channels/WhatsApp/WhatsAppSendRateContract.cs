using Atendimento.Bot.Channels.WhatsApp;
using Atendimento.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Atendimento.Bot.Tests.Channels.WhatsApp;

/// <summary>What every <see cref="IWhatsAppSendRate"/> promises; each implementation runs these facts.</summary>
public abstract class WhatsAppSendRateContract
{
    private const int PerSecond = 3;
    private static readonly DateTimeOffset Second = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);
    private readonly string _number = "pn-" + Guid.NewGuid().ToString("N");

    protected abstract IWhatsAppSendRate Create(int perSecond);

    [Fact]
    public async Task Sends_beyond_the_limit_in_one_second_wait_for_the_next_second()
    {
        var rate = Create(PerSecond);
        for (var i = 0; i < PerSecond; i++)
        {
            Assert.Null(await rate.TryAcquireAsync(_number, Second.AddMilliseconds(100 * i)));
        }

        Assert.Equal(TimeSpan.FromMilliseconds(750), await rate.TryAcquireAsync(_number, Second.AddMilliseconds(250)));
        Assert.Null(await rate.TryAcquireAsync(_number, Second.AddSeconds(1)));
    }

    [Fact]
    public async Task A_burst_at_the_end_of_a_second_and_another_at_the_start_of_the_next_never_exceed_the_limit_within_one_second()
    {
        var rate = Create(PerSecond);
        for (var i = 0; i < PerSecond; i++)
        {
            Assert.Null(await rate.TryAcquireAsync(_number, Second.AddMilliseconds(900 + i)));
        }

        Assert.Equal(TimeSpan.FromMilliseconds(800), await rate.TryAcquireAsync(_number, Second.AddMilliseconds(1100)));
        Assert.Null(await rate.TryAcquireAsync(_number, Second.AddMilliseconds(1900)));
        Assert.NotNull(await rate.TryAcquireAsync(_number, Second.AddMilliseconds(1900)));
    }

    [Fact]
    public async Task Each_number_has_its_own_limit()
    {
        var rate = Create(1);
        Assert.Null(await rate.TryAcquireAsync(_number, Second));
        Assert.NotNull(await rate.TryAcquireAsync(_number, Second));
        Assert.Null(await rate.TryAcquireAsync(_number + "-other", Second));
    }
}

public sealed class InMemoryWhatsAppSendRateTests : WhatsAppSendRateContract
{
    protected override IWhatsAppSendRate Create(int perSecond) => new InMemoryWhatsAppSendRate(perSecond);
}

/// <summary>Against the real Redis of ./test.sh: two limiters on one server share the count, as two instances would.</summary>
public sealed class RedisWhatsAppSendRateTests : WhatsAppSendRateContract, IDisposable
{
    private readonly Lazy<ConnectionMultiplexer> _redis = new(() => ConnectionMultiplexer.Connect(TestEnvironment.Redis));

    [Fact]
    public async Task Two_instances_share_one_count()
    {
        var number = "pn-" + Guid.NewGuid().ToString("N");
        var now = new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);
        Assert.Null(await Create(2).TryAcquireAsync(number, now));
        Assert.Null(await Create(2).TryAcquireAsync(number, now));
        Assert.NotNull(await Create(2).TryAcquireAsync(number, now));
    }

    public void Dispose()
    {
        if (_redis.IsValueCreated)
        {
            _redis.Value.Dispose();
        }
    }

    protected override IWhatsAppSendRate Create(int perSecond) =>
        new RedisWhatsAppSendRate(_redis.Value, perSecond, NullLogger<RedisWhatsAppSendRate>.Instance);
}
