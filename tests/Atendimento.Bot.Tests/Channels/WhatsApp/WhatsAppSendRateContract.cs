using Atendimento.Bot.Channels.WhatsApp;
using Atendimento.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Atendimento.Bot.Tests.Channels.WhatsApp;

/// <summary>What every <see cref="IWhatsAppSendRate"/> promises; each implementation runs these facts.</summary>
public abstract class WhatsAppSendRateContract
{
    private const int PerSecond = 4;
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
    private static readonly DateTimeOffset Second = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);
    private readonly string _number = "pn-" + Guid.NewGuid().ToString("N");

    protected abstract IWhatsAppSendRate Create(int perSecond);

    [Fact]
    public async Task Sends_at_one_instant_get_slots_one_interval_apart()
    {
        var rate = Create(PerSecond);

        var slots = new List<DateTimeOffset>();
        for (var i = 0; i < 6; i++)
        {
            slots.Add(await rate.ReserveAsync(_number, Second));
        }

        Assert.Equal(Enumerable.Range(0, 6).Select(i => Second + Interval * i), slots);
    }

    [Fact]
    public async Task A_send_after_a_quiet_spell_goes_at_once_and_a_busy_number_never_exceeds_the_limit_in_any_second()
    {
        var rate = Create(PerSecond);
        Assert.Equal(Second.AddMilliseconds(900), await rate.ReserveAsync(_number, Second.AddMilliseconds(900)));

        var slots = new List<DateTimeOffset>();
        for (var i = 0; i < 8; i++)
        {
            var now = Second.AddMilliseconds(1000 + 10 * i);
            slots.Add(await rate.ReserveAsync(_number, now));
        }

        Assert.Equal(Second.AddSeconds(10), await rate.ReserveAsync(_number, Second.AddSeconds(10)));
        Assert.Equal(Second.AddMilliseconds(1150), slots[0]);
        Assert.All(slots.Zip(slots.Skip(1)), pair => Assert.Equal(Interval, pair.Second - pair.First));
    }

    [Fact]
    public async Task Each_number_has_its_own_pace()
    {
        var rate = Create(1);
        Assert.Equal(Second, await rate.ReserveAsync(_number, Second));
        Assert.Equal(Second.AddSeconds(1), await rate.ReserveAsync(_number, Second));
        Assert.Equal(Second, await rate.ReserveAsync(_number + "-other", Second));
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
        Assert.Equal(now, await Create(2).ReserveAsync(number, now));
        Assert.Equal(now.AddMilliseconds(500), await Create(2).ReserveAsync(number, now));
        Assert.Equal(now.AddSeconds(1), await Create(2).ReserveAsync(number, now));
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
