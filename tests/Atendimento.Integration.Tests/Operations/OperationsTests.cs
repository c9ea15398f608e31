using System.Net;
using System.Text.Json;
using Atendimento.Integration.Tests.Hosting;

namespace Atendimento.Integration.Tests.Operations;

public sealed class OperationsTests(PostgresRedisFixture fixture) : IClassFixture<PostgresRedisFixture>
{
    [Fact]
    public async Task Readiness_checks_postgres_and_redis_and_liveness_answers()
    {
        using var http = fixture.Host.Http();
        var ready = await http.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task Readiness_fails_while_redis_is_unreachable_but_the_process_stays_live()
    {
        // A closed loopback port: the multiplexer starts without it (AbortOnConnectFail=false) and readiness says so.
        await using var host = AtendimentoHost.Start(fixture.Schema.ConnectionString, "127.0.0.1:1,connectTimeout=500");
        using var http = host.Http();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task Metrics_are_served_in_the_prometheus_text_format_and_count_turns()
    {
        await using var customer = await DirectLine.DirectLineTestClient.StartAsync(fixture.Host);
        await customer.SendAsync("quero conhecer os planos");
        await customer.ExpectTextAsync("Nossos planos de fibra");
        using var http = fixture.Host.Http();

        using var response = await http.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("# TYPE atendimento_bot_turns_total counter", text, StringComparison.Ordinal);
        Assert.Matches(@"atendimento_bot_turns_total\{channel=""directline"",owner=""Bot""\} [1-9]", text);
        Assert.Contains("atendimento_bot_turn_duration_ms_bucket{channel=\"directline\",le=\"+Inf\"}", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_document_describes_the_agent_api_contract()
    {
        using var http = fixture.Host.Http();
        var document = JsonDocument.Parse(await http.GetStringAsync("/openapi/v1.json")).RootElement;
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/tickets", paths);
        Assert.Contains("/api/v1/tickets/{id}", paths);
        Assert.Contains("/api/v1/tickets/{id}/messages", paths);
        Assert.Contains("/api/v1/tickets/{id}/accept", paths);
        Assert.Contains("/api/v1/tickets/{id}/resolve", paths);
        Assert.Contains("/v3/directline/conversations/{conversationId}/activities", paths);
    }
}
