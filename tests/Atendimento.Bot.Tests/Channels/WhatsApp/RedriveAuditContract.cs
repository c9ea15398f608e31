using Atendimento.Bot.Channels.WhatsApp.DeadLetters;
using Atendimento.Bot.Tests.Harness;
using Atendimento.Platform.Tenancy;
using Atendimento.Testing;

namespace Atendimento.Bot.Tests.Channels.WhatsApp;

/// <summary>What every <see cref="IRedriveAudit"/> promises; each implementation runs these facts.</summary>
public abstract class RedriveAuditContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);
    private IRedriveAudit _audit = null!;

    public async Task InitializeAsync() => _audit = await CreateAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected abstract Task<IRedriveAudit> CreateAsync();

    [Fact]
    public async Task Records_are_kept_whole_per_tenant_newest_first()
    {
        var first = await _audit.AppendAsync(Record("loja", "maria", """{"ids":["a:0"]}""", 1, 1, "redriven"));
        var second = await _audit.AppendAsync(Record("loja", "joao", """{"errorCode":131026}""", 3, 0, "nothing matched"));
        await _audit.AppendAsync(Record("outra", "maria", "{}", 2, 2, "redriven"));

        var latest = await _audit.LatestAsync(new TenantId("loja"), 10);

        Assert.True(second.Id > first.Id);
        Assert.Equal([second.Id, first.Id], latest.Select(r => r.Id));
        var kept = latest[0];
        Assert.Equal(("joao", Now, 3, 0, "nothing matched"), (kept.Actor, kept.At, kept.Requested, kept.Redriven, kept.Result));
        Assert.Contains("131026", kept.Request, StringComparison.Ordinal);
        Assert.Single(await _audit.LatestAsync(new TenantId("loja"), 1));
    }

    private static RedriveRecord Record(string tenant, string actor, string request, int requested, int redriven, string result) =>
        new(0, new TenantId(tenant), actor, Now, request, requested, redriven, result);
}

public sealed class InMemoryRedriveAuditTests : RedriveAuditContract
{
    protected override Task<IRedriveAudit> CreateAsync() => Task.FromResult<IRedriveAudit>(new InMemoryRedriveAudit());
}

public sealed class PostgresRedriveAuditTests : RedriveAuditContract
{
    private readonly SchemaPerTest _schema = new(BotSchema.CreateAsync);

    public override Task DisposeAsync() => _schema.DisposeAsync();

    protected override async Task<IRedriveAudit> CreateAsync()
    {
        await _schema.InitializeAsync();
        return new PostgresRedriveAudit(_schema.Schema.DataSource);
    }
}
