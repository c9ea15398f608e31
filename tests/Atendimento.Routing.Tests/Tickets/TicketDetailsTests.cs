using Atendimento.Routing.Tickets;
using static Atendimento.Routing.Tests.Tickets.TicketBuilder;

namespace Atendimento.Routing.Tests.Tickets;

/// <summary>Changes that keep the status: priority, severity, tags and notes, with their audit from/to values.</summary>
public sealed class TicketDetailsTests
{
    [Fact]
    public void ChangePriority_records_the_old_and_new_priority_for_the_audit_log()
    {
        var ticket = ATicket().Build();

        var result = ticket.ChangePriority(TicketPriority.Urgent);

        Assert.True(result.Succeeded, result.Reason);
        Assert.Equal(TicketPriority.Urgent, ticket.Priority);
        Assert.Equal(new TicketChange(TicketAction.ChangePriority, "Normal", "Urgent"), result.Change);
        Assert.Equal((TicketStatus.Open, TicketStatus.Open), (result.From, result.To));
    }

    [Fact]
    public void ChangePriority_to_the_same_priority_is_refused()
    {
        var ticket = ATicket().WithPriority(TicketPriority.High).Build();

        var result = ticket.ChangePriority(TicketPriority.High);

        Assert.False(result.Succeeded);
        Assert.Contains("already High", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TicketStatus.Closed)]
    [InlineData(TicketStatus.Cancelled)]
    [InlineData(TicketStatus.Merged)]
    public void ChangeSeverity_of_an_ended_ticket_is_refused_and_says_to_reopen_it(TicketStatus status)
    {
        var ticket = ATicket().InStatus(status).Build();
        var before = ticket with { };

        var result = ticket.ChangeSeverity(TicketSeverity.Critical);

        Assert.False(result.Succeeded);
        Assert.Contains($"it is {status}", result.Reason, StringComparison.Ordinal);
        Assert.Equal(before, ticket);
    }

    [Fact]
    public void ChangeSeverity_records_the_old_and_new_severity()
    {
        var ticket = ATicket().InStatus(TicketStatus.InProgress).Build();

        var result = ticket.ChangeSeverity(TicketSeverity.Critical);

        Assert.Equal(TicketSeverity.Critical, ticket.Severity);
        Assert.Equal(new TicketChange(TicketAction.ChangeSeverity, "Moderate", "Critical"), result.Change);
    }

    [Fact]
    public void AddTag_twice_in_another_case_is_refused_and_RemoveTag_removes_it_as_written()
    {
        var ticket = ATicket().Build();

        var added = ticket.AddTag("VIP");
        var again = ticket.AddTag("vip");
        var removed = ticket.RemoveTag("vip");

        Assert.True(added.Succeeded);
        Assert.False(again.Succeeded);
        Assert.Contains("already tagged 'vip'", again.Reason, StringComparison.Ordinal);
        Assert.Equal(new TicketChange(TicketAction.Untag, "VIP", null), removed.Change);
        Assert.Empty(ticket.Tags);
    }

    [Fact]
    public void RemoveTag_that_is_not_there_is_refused()
    {
        var ticket = ATicket().Build();

        var result = ticket.RemoveTag("vip");

        Assert.False(result.Succeeded);
        Assert.Contains("no tag 'vip'", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AddNote_is_refused_on_a_merged_ticket_and_points_to_the_target()
    {
        var ticket = ATicket().InStatus(TicketStatus.Merged).Build();

        var result = ticket.AddNote();

        Assert.False(result.Succeeded);
        Assert.Contains("merged into ticket 7", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void RecordAgentReply_while_waiting_on_the_customer_is_allowed_and_keeps_the_status()
    {
        var ticket = ATicket().AssignedTo("ana").InStatus(TicketStatus.WaitingOnCustomer).Build();
        var now = ResolvedAtDefault;

        var result = ticket.RecordAgentReply("ana", now);

        Assert.True(result.Succeeded, result.Reason);
        Assert.Equal(TicketStatus.WaitingOnCustomer, ticket.Status);
        Assert.Equal(now, ticket.LastAgentMessageAt);
        Assert.Equal(FirstResponseAtDefault, ticket.FirstResponseAt);
    }
}
