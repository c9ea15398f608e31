using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Atendimento.Integration.Tests.Hosting;
using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Agents;
using Atendimento.Routing.Kpis;
using Atendimento.Routing.Tickets;
using Atendimento.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Atendimento.Integration.Tests.Api.TicketApi;

namespace Atendimento.Integration.Tests.Api;

/// <summary>
/// The KPI endpoints on the real host, connected to PostgreSQL as a role under row-level security (not the tests'
/// superuser), with a policy added for these tests that hides every ticket from a session that set no tenant: a
/// figure that is not zero was read inside the caller's tenant scope.
/// </summary>
public sealed class KpiApiTests(KpiApiTests.ScopedHost fixture) : IClassFixture<KpiApiTests.ScopedHost>
{
    private const string From = "2026-11-02";
    private const string To = "2026-11-04T00:00:00Z";
    private static readonly DateTimeOffset Monday = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    public sealed class ScopedHost : IAsyncLifetime
    {
        public PostgresSchema Schema { get; private set; } = null!;

        public AtendimentoHost Host { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Schema = await PostgresSchema.CreateAsync();
            Host = AtendimentoHost.Start(await Schema.ApplicationConnectionStringAsync(), TestEnvironment.Redis);
            await using var strict = Schema.DataSource.CreateCommand($"""
                CREATE POLICY scope_required ON tickets AS RESTRICTIVE FOR SELECT TO {PostgresSchema.ApplicationRole}
                    USING (coalesce(current_setting('{TenantScope.Setting}', true), '') <> '')
                """);
            await strict.ExecuteNonQueryAsync();
        }

        public async Task DisposeAsync()
        {
            await Host.DisposeAsync();
            await Schema.DisposeAsync();
        }

        /// <summary>A ticket written as the superuser (the host's role may not read it back unscoped), answered after <paramref name="firstResponse"/>.</summary>
        public async Task<long> SeedAsync(TenantId tenant, string queue, TimeSpan firstResponse, string channel = "directline")
        {
            var store = new PostgresTicketStore(Schema.DataSource);
            using var handoff = JsonDocument.Parse("""{"reasonCode":"explicit_request"}""");
            var ticket = (await store.OpenAsync(new NewTicket(tenant, $"kpi:{Guid.NewGuid():N}", channel, null, SupportLevel.N1, queue, [],
                "explicit_request", handoff.RootElement.Clone(), Monday), [])).Ticket;
            ticket.Status = TicketStatus.InProgress;
            ticket.AssigneeId = "ana";
            ticket.AssignedAt = ticket.AcceptedAt = Monday;
            ticket.FirstResponseAt = Monday + firstResponse;
            Assert.True(await store.SaveAsync(ticket));
            return ticket.Id.Value;
        }
    }

    private async Task<(TenantId Tenant, HttpClient Http)> TenantWithTicketsAsync()
    {
        var tenant = new TenantId($"kpi-{Guid.NewGuid():N}");
        var key = $"key-{Guid.NewGuid():N}";
        await fixture.Host.Services.GetRequiredService<IAgentDirectory>().UpsertAsync(new Agent(tenant, "kim", "Kim", SupportLevel.N1, [], 3), key);
        await fixture.SeedAsync(tenant, "geral", TimeSpan.FromSeconds(60));
        await fixture.SeedAsync(tenant, "vendas, sul \"VIP\"", TimeSpan.FromSeconds(181), channel: "whatsapp");
        return (tenant, fixture.Host.Http(key));
    }

    [Fact]
    public async Task The_json_holds_the_callers_tenant_figures_read_inside_its_tenant_scope_and_none_of_another_tenant()
    {
        var (tenant, http) = await TenantWithTicketsAsync();
        await fixture.SeedAsync(new TenantId($"other-{Guid.NewGuid():N}"), "geral", TimeSpan.FromSeconds(3600));
        using var _ = http;

        var kpis = await http.GetFromJsonAsync<KpiResponse>($"/api/v1/kpis?from={From}&to={To}");
        var whatsapp = await http.GetFromJsonAsync<KpiResponse>($"/api/v1/kpis?from={From}&to={To}&channel=whatsapp&groupBy=day");

        Assert.Equal(tenant.Value, kpis!.Tenant);
        var period = Assert.Single(kpis.Periods);
        Assert.Equal((2L, 120.5), (period.FirstResponse.Count, period.FirstResponse.AverageSeconds!.Value));
        Assert.Equal(2, period.Movement.Opened);
        Assert.Equal([("InProgress", "N1", "geral", 1L), ("InProgress", "N1", "vendas, sul \"VIP\"", 1L)],
            kpis.Backlog.Select(b => (b.Status, b.Level, b.Queue, b.Count)));
        Assert.Equal([1L, 0], whatsapp!.Periods.Select(p => p.FirstResponse.Count));
    }

    [Fact]
    public async Task The_csv_has_a_header_invariant_numbers_and_rfc_4180_quoting_by_path_or_by_accept_header()
    {
        var (_, http) = await TenantWithTicketsAsync();
        using var __ = http;

        using var byPath = await http.GetAsync($"/api/v1/kpis.csv?from={From}&to={To}");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/kpis?from={From}&to={To}");
        request.Headers.Accept.ParseAdd("text/csv");
        using var byAccept = await http.SendAsync(request);
        var csv = await byPath.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, byPath.StatusCode);
        Assert.Equal("text/csv", byPath.Content.Headers.ContentType?.MediaType);
        Assert.Equal(csv, await byAccept.Content.ReadAsStringAsync());
        var lines = csv.Split("\r\n");
        Assert.Equal(KpiCsv.Header, lines[0]);
        Assert.Contains("2026-11-02T00:00:00Z,2026-11-04T00:00:00Z,first_response_avg_seconds,,,,,,2,120.5", lines);
        Assert.Contains(",,backlog,,,N1,InProgress,\"vendas, sul \"\"VIP\"\"\",1,", lines);
        Assert.Equal("", lines[^1]);
    }

    [Theory]
    [InlineData("from=2026-11-05&to=2026-11-01", "to")]
    [InlineData("from=2025-01-01&to=2026-11-01", "to")]
    [InlineData("from=01/11/2026&to=2026-11-04", "from")]
    [InlineData("to=2026-11-04", "from")]
    [InlineData("from=2026-11-01&to=2026-11-04&groupBy=month", "groupBy")]
    [InlineData("from=2026-11-01&to=2026-11-04&level=N7", "level")]
    public async Task A_bad_period_or_filter_is_a_400_naming_the_field(string query, string field)
    {
        var (_, http) = await TenantWithTicketsAsync();
        using var __ = http;

        var message = await FieldErrorAsync(await http.GetAsync($"/api/v1/kpis?{query}"), field);

        Assert.False(string.IsNullOrWhiteSpace(message));
    }

    [Fact]
    public async Task Without_an_api_key_the_kpis_are_401()
    {
        using var anonymous = fixture.Host.Http();

        using var response = await anonymous.GetAsync($"/api/v1/kpis?from={From}&to={To}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_ticket_read_through_the_api_is_read_inside_the_tenant_scope()
    {
        var tenant = new TenantId($"kpi-{Guid.NewGuid():N}");
        var key = $"key-{Guid.NewGuid():N}";
        await fixture.Host.Services.GetRequiredService<IAgentDirectory>().UpsertAsync(new Agent(tenant, "kim", "Kim", SupportLevel.N1, [], 3), key);
        var id = await fixture.SeedAsync(tenant, "geral", TimeSpan.FromSeconds(5));
        using var http = fixture.Host.Http(key);

        using var response = await http.GetAsync($"/api/v1/tickets/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("sofia", HttpStatusCode.OK)]
    [InlineData("admin", HttpStatusCode.OK)]
    [InlineData("ana", HttpStatusCode.Forbidden)]
    public async Task The_desk_route_is_for_supervisors_and_admins_only(string userName, HttpStatusCode expected)
    {
        await fixture.SeedAsync(TenantId.Default, "geral", TimeSpan.FromSeconds(30));
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = fixture.Host.BaseAddress };
        using (var signIn = await browser.PostAsJsonAsync("/desk/api/session", new { userName, password = "dev-desk-password" }))
        {
            Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        }

        using var json = await browser.GetAsync($"/desk/api/kpis?from={From}&to={To}");
        using var csv = await browser.GetAsync($"/desk/api/kpis.csv?from={From}&to={To}");

        Assert.Equal((expected, expected), (json.StatusCode, csv.StatusCode));
        if (expected == HttpStatusCode.OK)
        {
            var kpis = await json.Content.ReadFromJsonAsync<KpiResponse>();
            Assert.Equal("default", kpis!.Tenant);
            Assert.True(kpis.Periods[0].FirstResponse.Count >= 1);
            Assert.StartsWith(KpiCsv.Header + "\r\n", await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_desk_route_without_a_session_is_401()
    {
        using var anonymous = fixture.Host.Http();

        using var response = await anonymous.GetAsync($"/desk/api/kpis?from={From}&to={To}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
