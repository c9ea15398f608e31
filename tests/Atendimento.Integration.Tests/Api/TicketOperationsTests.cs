using System.Net;
using Atendimento.Integration.Tests.Hosting;
using Atendimento.Routing.Tickets;
using Atendimento.Testing;
using static Atendimento.Integration.Tests.Api.TicketApi;

namespace Atendimento.Integration.Tests.Api;

/// <summary>The ticket operations through the API on real PostgreSQL: each changes the ticket and leaves an audit line.</summary>
public sealed class TicketOperationsTests(PostgresRedisFixture fixture) : IClassFixture<PostgresRedisFixture>
{
    [Fact]
    public async Task Escalate_from_N1_moves_ticket_to_N2_queue_and_the_audit_says_who_why_from_and_to()
    {
        using var ana = new TicketApi(fixture.Host, AtendimentoHost.AnaKey);
        var id = await ana.OpenAsync(SupportLevel.N1);

        var escalated = await ana.OkAsync(id, "escalate", new { reason = "Precisa de visita técnica." });

        Assert.Equal(("Open", "N2", "n2-especialistas", (string?)null), (escalated.Status, escalated.Level, escalated.Queue, escalated.AssigneeId));
        Assert.Equal("Precisa de visita técnica.", escalated.EscalationReason);
        Assert.NotNull(escalated.EscalatedAt);
        var line = (await ana.AuditAsync(id))[^1];
        Assert.Equal(("Escalate", "Agent", "ana", "Precisa de visita técnica."), (line.Action, line.ActorKind, line.ActorId, line.Reason));
        Assert.Equal(("N1", "N2", "Open", "Open"), (line.From, line.To, line.StatusFrom, line.StatusTo));
    }

    [Fact]
    public async Task Every_operation_leaves_one_audit_line_in_order_and_a_note_stays_internal()
    {
        using var ana = new TicketApi(fixture.Host, AtendimentoHost.AnaKey);
        using var bruno = new TicketApi(fixture.Host, BrunoKey);
        var (customer, id) = await ana.HandedOffAsync();
        await using var _ = customer;

        await ana.OkAsync(id, "assign", new { agentId = "bruno", reason = "Especialista em fibra" });
        await bruno.OkAsync(id, "accept");
        await bruno.OkAsync(id, "priority", new { priority = "high", reason = "Cliente sem serviço há 2 dias" });
        await bruno.OkAsync(id, "severity", new { severity = "Major" });
        await bruno.OkAsync(id, "tags", new { tag = "fibra" });
        using (var untag = await bruno.Http.DeleteAsync("/api/v1/tickets/" + id + "/tags/FIBRA"))
        {
            Assert.Equal(HttpStatusCode.OK, untag.StatusCode);
        }
        using (var note = await bruno.PostAsync(id, "notes", new { text = "Cliente já ligou 3 vezes." }))
        {
            Assert.Equal(HttpStatusCode.Created, note.StatusCode);
        }
        await bruno.OkAsync(id, "wait-on-customer", new { reason = "Pedi o número do modem" });
        var resolved = await bruno.OkAsync(id, "resolve", new { reason = "Modem trocado." });
        await bruno.OkAsync(id, "close");
        var reopened = await ana.OkAsync(id, "reopen", new { reason = "Cliente diz que voltou a cair." });

        var audit = await ana.AuditAsync(id);
        Assert.Equal(["Assign", "Accept", "ChangePriority", "ChangeSeverity", "Tag", "Untag", "Note", "WaitOnCustomer", "Resolve", "Close", "Reopen"],
            audit.Select(a => a.Action));
        Assert.Equal(["ana", "bruno", "bruno", "bruno", "bruno", "bruno", "bruno", "bruno", "bruno", "bruno", "ana"], audit.Select(a => a.ActorId));
        Assert.Equal(("Normal", "High", "Cliente sem serviço há 2 dias"), (audit[2].From, audit[2].To, audit[2].Reason));
        Assert.Equal(("Modem trocado.", "Resolved"), (resolved.Resolution, resolved.Status));
        Assert.Equal(("Open", (string?)null, "High", "Major"), (reopened.Status, reopened.AssigneeId, reopened.Priority, reopened.Severity));
        var messages = await new AgentApiClient(ana.Http).MessagesAsync(id);
        var internalNote = Assert.Single(messages, m => m.Internal);
        Assert.Equal(("Cliente já ligou 3 vezes.", "bruno"), (internalNote.Text, internalNote.AuthorId));
    }

    [Fact]
    public async Task A_customer_message_while_waiting_on_the_customer_puts_the_ticket_back_in_progress_and_the_agent_keeps_it()
    {
        using var ana = new TicketApi(fixture.Host, AtendimentoHost.AnaKey);
        var (customer, id) = await ana.HandedOffAsync();
        await using var _ = customer;
        await ana.OkAsync(id, "accept");
        var waiting = await ana.OkAsync(id, "wait-on-customer", new { reason = "Pedi o número do contrato" });

        await customer.SendAsync("o contrato é 4471");

        await Eventually.TrueAsync(async () => (await ana.GetAsync(id)).Status == "InProgress", "the ticket back in progress");
        var ticket = await ana.GetAsync(id);
        Assert.Equal("WaitingOnCustomer", waiting.Status);
        Assert.Equal("ana", ticket.AssigneeId);
        Assert.NotNull(ticket.LastCustomerMessageAt);
        var line = (await ana.AuditAsync(id))[^1];
        Assert.Equal(("CustomerReplied", "Customer", (string?)null, "WaitingOnCustomer", "InProgress"),
            (line.Action, line.ActorKind, line.ActorId, line.StatusFrom, line.StatusTo));
        Assert.Contains(await new AgentApiClient(ana.Http).MessagesAsync(id), m => m.Author == "Customer" && m.Text == "o contrato é 4471");
    }

    [Fact]
    public async Task Transfer_to_an_agent_and_then_to_a_queue_hands_the_ticket_over()
    {
        using var carla = new TicketApi(fixture.Host, CarlaKey);
        var id = await carla.OpenAsync(SupportLevel.N2);
        await carla.OkAsync(id, "assign", new { agentId = "carla" });

        var assigned = await carla.OkAsync(id, "transfer", new { agentId = "bruno", reason = "Especialista em fibra" });
        var queued = await carla.OkAsync(id, "transfer", new { queue = "retencao", reason = "Quer cancelar" });

        Assert.Equal(("Assigned", "bruno"), (assigned.Status, assigned.AssigneeId));
        Assert.Equal(("Open", "retencao", (string?)null), (queued.Status, queued.Queue, queued.AssigneeId));
        var audit = await carla.AuditAsync(id);
        Assert.Equal(("TransferToAgent", "carla", "bruno"), (audit[^2].Action, audit[^2].From, audit[^2].To));
        Assert.Equal(("TransferToQueue", "atendimento-geral", "retencao"), (audit[^1].Action, audit[^1].From, audit[^1].To));
    }

    [Fact]
    public async Task Merge_folds_a_duplicate_into_the_customers_other_ticket_and_both_audits_say_so()
    {
        using var ana = new TicketApi(fixture.Host, AtendimentoHost.AnaKey);
        var customer = $"cpf:{Guid.NewGuid():N}";
        var original = await ana.OpenAsync(customer: customer);
        var duplicate = await ana.OpenAsync(customer: customer);
        var stranger = await ana.OpenAsync();

        var merged = await ana.OkAsync(duplicate, "merge", new { targetTicketId = original, reason = "Mesmo problema pelo WhatsApp" });
        var refused = await ProblemAsync(await ana.PostAsync(stranger, "merge", new { targetTicketId = original }), HttpStatusCode.Conflict);

        Assert.Equal(("Merged", (long?)original), (merged.Status, merged.MergedIntoId));
        Assert.Contains("another customer", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var received = (await ana.AuditAsync(original))[^1];
        Assert.Equal(("MergedFrom", duplicate.ToString(), original.ToString()), (received.Action, received.From, received.To));
        Assert.Equal("Open", (await ana.GetAsync(stranger)).Status);
    }

    [Fact]
    public async Task Refused_transitions_are_409_with_the_reason_and_change_nothing()
    {
        using var ana = new TicketApi(fixture.Host, AtendimentoHost.AnaKey);
        var open = await ana.OpenAsync(SupportLevel.N1);
        var n2 = await ana.OpenAsync(SupportLevel.N2);
        var longResolved = await ana.ResolvedAsync("ana", TimeSpan.FromDays(8));

        var resolve = await ProblemAsync(await ana.PostAsync(open, "resolve"), HttpStatusCode.Conflict);
        var deescalate = await ProblemAsync(await ana.PostAsync(open, "deescalate", new { reason = "engano" }), HttpStatusCode.Conflict);
        var accept = await ProblemAsync(await ana.PostAsync(n2, "accept"), HttpStatusCode.Conflict);
        var reopen = await ProblemAsync(await ana.PostAsync(longResolved, "reopen", new { reason = "voltou" }), HttpStatusCode.Conflict);

        Assert.Contains("Cannot Resolve ticket", resolve.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("already at N1", deescalate.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("needs an agent of level N2", accept.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("only within 7 days", reopen.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("Resolved", (await ana.GetAsync(longResolved)).Status);
        Assert.Empty(await ana.AuditAsync(open));
    }

    [Fact]
    public async Task Invalid_payloads_are_400_with_the_fields_that_are_wrong_and_change_nothing()
    {
        using var ana = new TicketApi(fixture.Host, AtendimentoHost.AnaKey);
        var id = await ana.OpenAsync();

        Assert.Contains("required", await FieldErrorAsync(await ana.PostAsync(id, "escalate", new { queue = "n2" }), "reason"), StringComparison.Ordinal);
        Assert.Contains("Use one of: Low, Normal, High, Urgent", await FieldErrorAsync(await ana.PostAsync(id, "priority", new { priority = "7" }), "priority"), StringComparison.Ordinal);
        Assert.Contains("exactly one", await FieldErrorAsync(await ana.PostAsync(id, "transfer", new { agentId = "bruno", queue = "x" }), "queue"), StringComparison.Ordinal);
        Assert.Contains("no agent 'zeca'", await FieldErrorAsync(await ana.PostAsync(id, "assign", new { agentId = "zeca" }), "agentId"), StringComparison.Ordinal);
        await FieldErrorAsync(await ana.PostAsync(id, "merge", new { reason = "sem alvo" }), "targetTicketId");
        Assert.Contains("no ticket 999999", await FieldErrorAsync(await ana.PostAsync(id, "merge", new { targetTicketId = 999_999 }), "targetTicketId"), StringComparison.Ordinal);
        await FieldErrorAsync(await ana.PostAsync(id, "tags", new { tag = "com espaço" }), "tag");
        await FieldErrorAsync(await ana.PostAsync(id, "cancel"), "reason");
        await FieldErrorAsync(await ana.PostAsync(id, "notes", new { text = new string('x', 4097) }), "text");
        await FieldErrorAsync(await ana.Http.GetAsync("/api/v1/tickets?cursor=bm9wZQ"), "cursor");
        await FieldErrorAsync(await ana.Http.GetAsync("/api/v1/tickets?limit=0"), "limit");
        await FieldErrorAsync(await ana.Http.GetAsync("/api/v1/tickets?level=N4"), "level");

        Assert.Equal(("Open", "Normal"), ((await ana.GetAsync(id)).Status, (await ana.GetAsync(id)).Priority));
        Assert.Empty(await ana.AuditAsync(id));
    }

    [Fact]
    public async Task Unknown_ticket_ids_are_404_for_every_operation_and_the_audit()
    {
        using var ana = new TicketApi(fixture.Host, AtendimentoHost.AnaKey);
        const long unknown = 987_654_321;

        await ProblemAsync(await ana.Http.GetAsync($"/api/v1/tickets/{unknown}/audit"), HttpStatusCode.NotFound);
        await ProblemAsync(await ana.PostAsync(unknown, "escalate", new { reason = "x" }), HttpStatusCode.NotFound);
        await ProblemAsync(await ana.PostAsync(unknown, "assign", new { agentId = "bruno" }), HttpStatusCode.NotFound);
        await ProblemAsync(await ana.PostAsync(unknown, "notes", new { text = "x" }), HttpStatusCode.NotFound);
        await ProblemAsync(await ana.PostAsync(unknown, "close"), HttpStatusCode.NotFound);
        await ProblemAsync(await ana.Http.DeleteAsync($"/api/v1/tickets/{unknown}/tags/vip"), HttpStatusCode.NotFound);
    }
}
