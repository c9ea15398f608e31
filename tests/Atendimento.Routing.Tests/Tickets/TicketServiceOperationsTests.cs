using Atendimento.Routing.Agents;
using Atendimento.Routing.Sla;
using Atendimento.Routing.Tests.Delivery;
using Atendimento.Routing.Tickets;
using Atendimento.Testing;
using static Atendimento.Routing.Tests.Tickets.Agents;
using static Atendimento.Routing.Tests.Tickets.TicketBuilder;

namespace Atendimento.Routing.Tests.Tickets;

/// <summary>The service's operations: each saves one audit line with who, why and when, and SLA deadlines follow the policy.</summary>
public sealed class TicketServiceOperationsTests
{
    private readonly FakeTimeProvider _clock = new(OpenedAtDefault.AddMinutes(5));
    private readonly InMemoryTicketStore _store = new();
    private readonly InMemoryAgentDirectory _agents = new();
    private readonly RecordingCustomerConversations _customers = new();
    private readonly TicketOptions _options = new()
    {
        Sla =
        [
            new SlaTarget { Priority = TicketPriority.Normal, Level = SupportLevel.N1, FirstResponse = TimeSpan.FromMinutes(30), Resolution = TimeSpan.FromHours(8) },
            new SlaTarget { Priority = TicketPriority.Normal, Level = SupportLevel.N2, FirstResponse = TimeSpan.FromMinutes(15), Resolution = TimeSpan.FromHours(4) },
            new SlaTarget { Tenant = "acme", Priority = TicketPriority.Urgent, Level = SupportLevel.N1, FirstResponse = TimeSpan.FromMinutes(5), Resolution = TimeSpan.FromHours(1) },
        ],
    };

    [Fact]
    public async Task Escalate_from_N1_moves_ticket_to_N2_queue_writes_the_audit_line_and_moves_the_sla_to_N2_targets_keeping_time_used()
    {
        var id = await OpenAsync(SupportLevel.N1);

        var result = await Service().EscalateAsync(Davi, id, "Precisa de visita técnica.", queue: null);

        Assert.Equal(TicketCommandOutcome.Done, result.Outcome);
        Assert.Equal((SupportLevel.N2, "n2-especialistas"), (result.Ticket!.Level, result.Ticket.Queue));
        // Five minutes were used at N1; the N2 targets (15 minutes, 4 hours) count from the opening, not from now.
        Assert.Equal(OpenedAtDefault.AddHours(4), result.Ticket.ResolutionDueAt);
        Assert.Equal(OpenedAtDefault.AddMinutes(15), result.Ticket.FirstResponseDueAt);
        var line = Assert.Single(await _store.GetAuditAsync(Acme, id)).Entry;
        Assert.Equal(new NewAuditEntry(TicketAction.Escalate, TicketActor.Agent("davi"), "Precisa de visita técnica.", "N1", "N2",
            TicketStatus.Open, TicketStatus.Open, _clock.GetUtcNow()), line);
    }

    [Fact]
    public void A_tenant_specific_sla_row_wins_over_the_row_for_every_tenant()
    {
        var policy = TicketServices.Sla(_options);

        var urgent = policy.Start(ATicket().ForTenant(Acme).AtLevel(SupportLevel.N1).WithPriority(TicketPriority.Urgent).BuildRequest());
        var normal = policy.Start(ATicket().ForTenant(Acme).AtLevel(SupportLevel.N1).BuildRequest());
        var unlisted = policy.Start(ATicket().ForTenant(Acme).AtLevel(SupportLevel.N3).BuildRequest());

        Assert.Equal((OpenedAtDefault.AddMinutes(5), OpenedAtDefault.AddHours(1)), (urgent.FirstResponseDueAt!.Value, urgent.ResolutionDueAt!.Value));
        Assert.Equal((OpenedAtDefault.AddMinutes(30), OpenedAtDefault.AddHours(8)), (normal.FirstResponseDueAt!.Value, normal.ResolutionDueAt!.Value));
        Assert.Null(unlisted.FirstResponseDueAt);
        Assert.Null(unlisted.ResolutionDueAt);
    }

    [Fact]
    public async Task Assign_to_an_agent_of_another_tenant_is_a_field_error_and_changes_nothing()
    {
        var id = await OpenAsync(SupportLevel.N1);
        await _agents.UpsertAsync(Bruno with { TenantId = new("globex"), Id = "gil" }, null);

        var result = await Service().AssignAsync(Ana, id, "gil", reason: null);

        Assert.Equal((TicketCommandOutcome.Invalid, "agentId"), (result.Outcome, result.Field));
        Assert.Equal(TicketStatus.Open, (await _store.GetAsync(Acme, id))!.Status);
        Assert.Empty(await _store.GetAuditAsync(Acme, id));
    }

    [Fact]
    public async Task Reopen_uses_the_configured_window_and_a_refusal_writes_no_audit_line()
    {
        var id = await OpenAsync(SupportLevel.N1);
        await _agents.UpsertAsync(Davi, null);
        var service = Service(new TicketOptions { ReopenWindow = TimeSpan.FromHours(1) });
        await service.AcceptAsync(Davi, id);
        await service.ResolveAsync(Davi, id, "Resolvido.");
        _clock.Advance(TimeSpan.FromMinutes(61));

        var result = await service.ReopenAsync(Davi, id, "Voltou a cair.");

        Assert.Equal(TicketCommandOutcome.Refused, result.Outcome);
        Assert.Contains("only within 1 hour of that", result.Reason, StringComparison.Ordinal);
        Assert.Equal([TicketAction.Accept, TicketAction.Resolve], (await _store.GetAuditAsync(Acme, id)).Select(a => a.Entry.Action));
    }

    [Fact]
    public async Task AddNote_writes_an_internal_line_and_never_reaches_the_customer()
    {
        var id = await OpenAsync(SupportLevel.N1);

        var result = await Service().AddNoteAsync(Ana, id, "Cliente já ligou 3 vezes.");

        Assert.True(result.Message!.Internal);
        Assert.Equal("Cliente já ligou 3 vezes.", (await _store.GetMessagesAsync(Acme, id))[^1].Text);
        Assert.Equal(TicketAction.Note, Assert.Single(await _store.GetAuditAsync(Acme, id)).Entry.Action);
        Assert.Empty(_customers.Delivered);
    }

    [Fact]
    public async Task CustomerMessages_moves_a_waiting_ticket_back_to_in_progress_as_the_customers_doing()
    {
        var id = await OpenAsync(SupportLevel.N1);
        var service = Service();
        await service.AcceptAsync(Ana, id);
        await service.WaitOnCustomerAsync(Ana, id, "Pedi o CPF");
        var writer = new TicketWriter(_store, _clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<TicketWriter>.Instance);

        var result = await new CustomerMessages(writer).RecordAsync(Acme, id, _clock.GetUtcNow());

        Assert.Equal(TicketStatus.InProgress, result.Ticket!.Status);
        var line = (await _store.GetAuditAsync(Acme, id))[^1].Entry;
        Assert.Equal((TicketAction.CustomerReplied, ActorKind.Customer), (line.Action, line.Actor.Kind));
    }

    private TicketService Service(TicketOptions? options = null) => TicketServices.Create(_store, _customers, _clock, _agents, options ?? _options);

    private async Task<TicketId> OpenAsync(SupportLevel level)
    {
        foreach (var agent in new Agent[] { Ana, Bruno, Carla, Davi })
        {
            await _agents.UpsertAsync(agent, null);
        }
        return (await _store.OpenAsync(TicketServices.Sla(_options).Start(ATicket().ForTenant(Acme).AtLevel(level).BuildRequest()), [])).Ticket.Id;
    }
}
