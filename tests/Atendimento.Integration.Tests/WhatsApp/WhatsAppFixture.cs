using Atendimento.Integration.Tests.Hosting;
using Atendimento.Testing;

namespace Atendimento.Integration.Tests.WhatsApp;

/// <summary>A host on real PostgreSQL and Redis whose WhatsApp channel talks to a <see cref="FakeGraphApi"/>.</summary>
public class WhatsAppFixture : IAsyncLifetime
{
    public PostgresSchema Schema { get; private set; } = null!;

    public FakeGraphApi Graph { get; private set; } = null!;

    public AtendimentoHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Schema = await PostgresSchema.CreateAsync();
        Graph = await FakeGraphApi.StartAsync();
        var settings = WhatsAppWebhooks.Settings(Graph.BaseUrl);
        Adjust(settings);
        Host = AtendimentoHost.Start(Schema.ConnectionString, TestEnvironment.Redis, settings);
    }

    /// <summary>Where a derived fixture changes the host's settings before it starts.</summary>
    protected virtual void Adjust(IDictionary<string, string?> settings)
    {
    }

    /// <summary>How many accepted webhook changes mention <paramref name="fragment"/> (a wa_id, a wamid).</summary>
    public async Task<long> InboxRowsMentioningAsync(string fragment)
    {
        await using var command = Schema.DataSource.CreateCommand("SELECT count(*) FROM whatsapp_inbox WHERE strpos(payload, $1) > 0");
        command.Parameters.AddWithValue(fragment);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The delivery state (as DeliveryState's number) of the outbound message with this wamid.</summary>
    public async Task<int?> OutboxStateAsync(string wamid)
    {
        await using var command = Schema.DataSource.CreateCommand("SELECT state FROM whatsapp_outbox WHERE wamid = $1");
        command.Parameters.AddWithValue(wamid);
        return (int?)await command.ExecuteScalarAsync();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Graph.DisposeAsync();
        await Schema.DisposeAsync();
    }
}
