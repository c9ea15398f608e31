using System.Net;
using Atendimento.Integration.Tests.Hosting;
using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Tickets;
using static Atendimento.Integration.Tests.Api.TicketApi;

namespace Atendimento.Integration.Tests.Api;

/// <summary>An agent sees and changes only their tenant's tickets: another tenant's answer 404 (not 403), and lists page by cursor.</summary>
public sealed class TenantIsolationTests(PostgresRedisFixture fixture) : IClassFixture<PostgresRedisFixture>
{
    [Fact]
    public async Task A_ticket_of_another_tenant_is_404_for_every_read_and_operation_and_stays_unchanged()
    {
        var globex = new TenantId($"globex-{Guid.NewGuid():N}");
        var key = $"key-{Guid.NewGuid():N}";
        using var ana = new TicketApi(fixture.Host, AtendimentoHost.AnaKey);
        await ana.AddAgentAsync(globex, "gil", SupportLevel.N3, key);
        using var gil = new TicketApi(fixture.Host, key);
        var id = await ana.OpenAsync();
        var own = await gil.OpenAsync(tenant: globex);

        await ProblemAsync(await gil.Http.GetAsync($"/api/v1/tickets/{id}"), HttpStatusCode.NotFound);
        await ProblemAsync(await gil.Http.GetAsync($"/api/v1/tickets/{id}/messages"), HttpStatusCode.NotFound);
        await ProblemAsync(await gil.Http.GetAsync($"/api/v1/tickets/{id}/audit"), HttpStatusCode.NotFound);
        foreach (var (operation, body) in new (string, object?)[]
        {
            ("accept", null), ("assign", new { agentId = "gil" }), ("escalate", new { reason = "x" }), ("priority", new { priority = "Urgent" }),
            ("tags", new { tag = "x" }), ("notes", new { text = "x" }), ("cancel", new { reason = "x" }), ("transfer", new { queue = "x" }),
        })
        {
            await ProblemAsync(await gil.PostAsync(id, operation, body), HttpStatusCode.NotFound);
        }
        var mergeIntoForeign = await FieldErrorAsync(await gil.PostAsync(own, "merge", new { targetTicketId = id }), "targetTicketId");

        Assert.Contains($"no ticket {id}", mergeIntoForeign, StringComparison.Ordinal);
        Assert.DoesNotContain((await gil.ListAsync("limit=200")).Items, t => t.Id == id);
        var untouched = await ana.GetAsync(id);
        Assert.Equal(("Open", "Normal", 0), (untouched.Status, untouched.Priority, untouched.Tags.Count));
        Assert.Empty(await ana.AuditAsync(id));
    }

    [Fact]
    public async Task Lists_page_by_opaque_cursor_newest_first_and_filter_by_status_level_queue_and_assignee()
    {
        var tenant = new TenantId($"paging-{Guid.NewGuid():N}");
        var key = $"key-{Guid.NewGuid():N}";
        using var setup = new TicketApi(fixture.Host, AtendimentoHost.AnaKey);
        await setup.AddAgentAsync(tenant, "pat", SupportLevel.N3, key);
        using var pat = new TicketApi(fixture.Host, key);
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await pat.OpenAsync(i % 2 == 0 ? SupportLevel.N1 : SupportLevel.N2, tenant: tenant, queue: i < 4 ? "geral" : "vendas"));
        }
        await pat.OkAsync(ids[1], "assign", new { agentId = "pat" });

        var first = await pat.ListAsync("limit=2");
        var second = await pat.ListAsync($"limit=2&cursor={first.NextCursor}");
        var third = await pat.ListAsync($"limit=2&cursor={second.NextCursor}");

        ids.Reverse();
        Assert.Equal(ids, first.Items.Concat(second.Items).Concat(third.Items).Select(t => t.Id));
        Assert.Null(third.NextCursor);
        Assert.Equal([ids[3]], (await pat.ListAsync("status=Assigned")).Items.Select(t => t.Id));
        Assert.Equal([ids[1], ids[3]], (await pat.ListAsync("level=N2")).Items.Select(t => t.Id));
        Assert.Equal([ids[0]], (await pat.ListAsync("queue=vendas")).Items.Select(t => t.Id));
        Assert.Equal([ids[3]], (await pat.ListAsync("assignee=pat&level=n2&status=assigned")).Items.Select(t => t.Id));
    }
}
