using Atendimento.Routing.Tickets;
using Atendimento.Testing;
using static Atendimento.Routing.Tests.Tickets.TicketBuilder;

namespace Atendimento.Routing.Tests.Tickets;

/// <summary>What each intent method does beyond the table: who holds the ticket, its level and queue, and its guards.</summary>
public sealed class TicketTransitionTests
{
    private static readonly TimeSpan Window = TimeSpan.FromDays(7);
    private readonly FakeTimeProvider _clock = new(ResolvedAtDefault.AddHours(1));

    [Fact]
    public void Assign_gives_a_queued_ticket_to_the_agent_who_still_has_to_accept_it()
    {
        var ticket = ATicket().Build();

        var result = ticket.Assign(Agents.Bruno, _clock.GetUtcNow());

        Assert.True(result.Succeeded, result.Reason);
        Assert.Equal((TicketStatus.Assigned, "bruno"), (ticket.Status, ticket.AssigneeId));
        Assert.Equal(_clock.GetUtcNow(), ticket.AssignedAt);
        Assert.Null(ticket.AcceptedAt);
        Assert.Equal(new TicketChange(TicketAction.Assign, null, "bruno"), result.Change);
    }

    [Fact]
    public void Assign_to_an_agent_below_the_ticket_level_is_refused_and_says_which_level_it_needs()
    {
        var ticket = ATicket().AtLevel(SupportLevel.N2).Build();
        var before = ticket with { };

        var result = ticket.Assign(Agents.Davi, _clock.GetUtcNow());

        Assert.False(result.Succeeded);
        Assert.Contains("needs an agent of level N2 or above; davi is N1", result.Reason, StringComparison.Ordinal);
        Assert.Equal(before, ticket);
    }

    [Fact]
    public void Accept_of_a_ticket_assigned_to_someone_else_is_refused_and_names_the_assignee()
    {
        var ticket = ATicket().AssignedTo("bruno").InStatus(TicketStatus.Assigned).Build();
        var before = ticket with { };

        var result = ticket.Accept("ana", _clock.GetUtcNow());

        Assert.False(result.Succeeded);
        Assert.Contains("assigned to bruno", result.Reason, StringComparison.Ordinal);
        Assert.Equal(before, ticket);
    }

    [Fact]
    public void Accept_by_the_assignee_moves_an_assigned_ticket_to_in_progress_keeping_the_assignment_time()
    {
        var ticket = ATicket().AssignedTo("ana").InStatus(TicketStatus.Assigned).Build();

        var result = ticket.Accept("ana", _clock.GetUtcNow());

        Assert.True(result.Succeeded, result.Reason);
        Assert.Equal(TicketStatus.InProgress, ticket.Status);
        Assert.Equal(AcceptedAtDefault, ticket.AssignedAt);
        Assert.Equal(_clock.GetUtcNow(), ticket.AcceptedAt);
    }

    [Fact]
    public void TransferTo_an_agent_hands_an_in_progress_ticket_over_unaccepted()
    {
        var ticket = ATicket().AssignedTo("ana").InStatus(TicketStatus.InProgress).Build();

        var result = ticket.TransferTo(Agents.Carla, _clock.GetUtcNow());

        Assert.True(result.Succeeded, result.Reason);
        Assert.Equal((TicketStatus.Assigned, "carla"), (ticket.Status, ticket.AssigneeId));
        Assert.Null(ticket.AcceptedAt);
        Assert.Equal(new TicketChange(TicketAction.TransferToAgent, "ana", "carla"), result.Change);
    }

    [Fact]
    public void TransferTo_the_agent_who_already_holds_the_ticket_is_refused()
    {
        var ticket = ATicket().AssignedTo("bruno").InStatus(TicketStatus.InProgress).Build();

        var result = ticket.TransferTo(Agents.Bruno, _clock.GetUtcNow());

        Assert.False(result.Succeeded);
        Assert.Contains("already with bruno", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TransferToQueue_puts_the_ticket_back_in_another_queue_without_an_agent()
    {
        var ticket = ATicket().AssignedTo("ana").InStatus(TicketStatus.WaitingOnCustomer).Build();

        var result = ticket.TransferToQueue("financeiro");

        Assert.True(result.Succeeded, result.Reason);
        Assert.Equal((TicketStatus.Open, "financeiro", (string?)null), (ticket.Status, ticket.Queue, ticket.AssigneeId));
        Assert.Equal(new TicketChange(TicketAction.TransferToQueue, "n2-internet", "financeiro"), result.Change);
    }

    [Fact]
    public void TransferToQueue_of_a_queued_ticket_to_its_own_queue_is_refused()
    {
        var ticket = ATicket().Build();

        var result = ticket.TransferToQueue(ticket.Queue);

        Assert.False(result.Succeeded);
        Assert.Contains("already waiting in queue n2-internet", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Escalate_from_N1_moves_ticket_to_N2_queue_unassigned_with_the_reason_and_time()
    {
        var ticket = ATicket().AtLevel(SupportLevel.N1).AssignedTo("davi").InStatus(TicketStatus.InProgress).Build();

        var result = ticket.Escalate("Precisa de visita técnica.", "n2-especialistas", _clock.GetUtcNow());

        Assert.True(result.Succeeded, result.Reason);
        Assert.Equal((TicketStatus.Open, SupportLevel.N2, "n2-especialistas"), (ticket.Status, ticket.Level, ticket.Queue));
        Assert.Null(ticket.AssigneeId);
        Assert.Equal(("Precisa de visita técnica.", _clock.GetUtcNow()), (ticket.EscalationReason, ticket.EscalatedAt));
        Assert.Equal(new TicketChange(TicketAction.Escalate, "N1", "N2"), result.Change);
    }

    [Fact]
    public void Escalate_at_N3_is_refused_because_there_is_no_level_above()
    {
        var ticket = ATicket().AtLevel(SupportLevel.N3).Build();
        var before = ticket with { };

        var result = ticket.Escalate("Mais uma vez.", "ouvidoria", _clock.GetUtcNow());

        Assert.False(result.Succeeded);
        Assert.Contains("already at N3", result.Reason, StringComparison.Ordinal);
        Assert.Equal(before, ticket);
    }

    [Fact]
    public void Deescalate_from_N2_moves_ticket_to_N1_queue_and_keeps_the_last_escalation_reason()
    {
        var ticket = ATicket().AtLevel(SupportLevel.N2).Build();

        var result = ticket.Deescalate("atendimento-geral");

        Assert.True(result.Succeeded, result.Reason);
        Assert.Equal((SupportLevel.N1, "atendimento-geral"), (ticket.Level, ticket.Queue));
        Assert.Equal(new TicketChange(TicketAction.Deescalate, "N2", "N1"), result.Change);
    }

    [Fact]
    public void Deescalate_at_N1_is_refused_because_there_is_no_level_below()
    {
        var ticket = ATicket().AtLevel(SupportLevel.N1).Build();

        var result = ticket.Deescalate("atendimento-geral");

        Assert.False(result.Succeeded);
        Assert.Contains("already at N1", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void WaitOnCustomer_by_an_agent_other_than_the_assignee_is_refused()
    {
        var ticket = ATicket().AssignedTo("ana").InStatus(TicketStatus.InProgress).Build();

        var result = ticket.WaitOnCustomer("bruno");

        Assert.False(result.Succeeded);
        Assert.Contains("another agent", result.Reason, StringComparison.Ordinal);
        Assert.Equal(TicketStatus.InProgress, ticket.Status);
    }

    [Fact]
    public void A_customer_message_while_waiting_on_the_customer_moves_the_ticket_back_to_in_progress()
    {
        var ticket = ATicket().InStatus(TicketStatus.WaitingOnCustomer).Build();

        var result = ticket.RecordCustomerMessage(_clock.GetUtcNow());

        Assert.True(result.Succeeded, result.Reason);
        Assert.Equal(TicketStatus.InProgress, ticket.Status);
        Assert.Equal(_clock.GetUtcNow(), ticket.LastCustomerMessageAt);
        Assert.Equal(TicketAction.CustomerReplied, result.Change!.Action);
    }

    [Theory]
    [InlineData(TicketStatus.Open)]
    [InlineData(TicketStatus.Assigned)]
    [InlineData(TicketStatus.InProgress)]
    public void A_customer_message_in_another_active_state_records_the_time_without_a_transition_or_an_audit_line(TicketStatus status)
    {
        var ticket = ATicket().InStatus(status).Build();

        var result = ticket.RecordCustomerMessage(_clock.GetUtcNow());

        Assert.True(result.Succeeded, result.Reason);
        Assert.Equal(status, ticket.Status);
        Assert.Equal(_clock.GetUtcNow(), ticket.LastCustomerMessageAt);
        Assert.Null(result.Change);
    }

    [Fact]
    public void Resolve_while_waiting_on_the_customer_keeps_the_resolution()
    {
        var ticket = ATicket().AssignedTo("ana").InStatus(TicketStatus.WaitingOnCustomer).Build();

        var result = ticket.Resolve("ana", _clock.GetUtcNow(), "Cliente confirmou que voltou.");

        Assert.True(result.Succeeded, result.Reason);
        Assert.Equal((TicketStatus.Resolved, "Cliente confirmou que voltou."), (ticket.Status, ticket.Resolution));
    }

    [Fact]
    public void Reopen_after_the_window_is_refused_and_says_until_when_it_was_possible()
    {
        var ticket = ATicket().InStatus(TicketStatus.Closed).Build();
        _clock.Advance(Window);

        var result = ticket.Reopen(_clock.GetUtcNow(), Window);

        Assert.False(result.Succeeded);
        Assert.Contains("only within 7 days", result.Reason, StringComparison.Ordinal);
        Assert.Contains($"until {ResolvedAtDefault + Window:u}", result.Reason, StringComparison.Ordinal);
        Assert.Equal(TicketStatus.Closed, ticket.Status);
    }

    [Fact]
    public void Reopen_exactly_at_the_end_of_the_window_is_still_allowed()
    {
        var ticket = ATicket().InStatus(TicketStatus.Resolved).Build();

        var result = ticket.Reopen(ResolvedAtDefault + Window, Window);

        Assert.True(result.Succeeded, result.Reason);
        Assert.Equal((TicketStatus.Open, (string?)null, (string?)null), (ticket.Status, ticket.AssigneeId, ticket.Resolution));
    }

    [Fact]
    public void Cancel_ends_an_active_ticket_and_records_the_time()
    {
        var ticket = ATicket().InStatus(TicketStatus.Assigned).Build();

        var result = ticket.Cancel(_clock.GetUtcNow());

        Assert.True(result.Succeeded, result.Reason);
        Assert.Equal((TicketStatus.Cancelled, (DateTimeOffset?)_clock.GetUtcNow()), (ticket.Status, ticket.CancelledAt));
        Assert.False(TicketLifecycle.IsActive(ticket.Status));
    }

    [Fact]
    public void MergeInto_a_ticket_of_the_same_customer_ends_the_duplicate_pointing_at_the_target()
    {
        var duplicate = ATicket().WithId(50).ForCustomer("cpf:123").Build();
        var target = ATicket().WithId(40).ForCustomer("cpf:123").ForConversation("whatsapp:x").Build();

        var result = duplicate.MergeInto(target);

        Assert.True(result.Succeeded, result.Reason);
        Assert.Equal((TicketStatus.Merged, (TicketId?)new TicketId(40)), (duplicate.Status, duplicate.MergedIntoId));
        Assert.Equal(new TicketChange(TicketAction.Merge, "50", "40"), result.Change);
    }

    [Fact]
    public void MergeInto_a_ticket_of_another_customer_is_refused()
    {
        var duplicate = ATicket().WithId(50).ForCustomer("cpf:123").Build();
        var other = ATicket().WithId(40).ForCustomer("cpf:999").Build();

        var result = duplicate.MergeInto(other);

        Assert.False(result.Succeeded);
        Assert.Contains("another customer", result.Reason, StringComparison.Ordinal);
        Assert.Equal(TicketStatus.Open, duplicate.Status);
    }

    [Theory]
    [InlineData(TicketStatus.Cancelled)]
    [InlineData(TicketStatus.Merged)]
    public void MergeInto_a_cancelled_or_merged_ticket_is_refused(TicketStatus targetStatus)
    {
        var duplicate = ATicket().WithId(50).Build();
        var target = ATicket().WithId(40).InStatus(targetStatus).Build();

        var result = duplicate.MergeInto(target);

        Assert.False(result.Succeeded);
        Assert.Contains($"is {targetStatus}", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void MergeInto_itself_is_refused()
    {
        var ticket = ATicket().Build();

        var result = ticket.MergeInto(ticket with { });

        Assert.False(result.Succeeded);
        Assert.Contains("into itself", result.Reason, StringComparison.Ordinal);
    }
}
