using Atendimento.Routing.Agents;
using Atendimento.Routing.Tickets;
using Atendimento.Testing;
using static Atendimento.Routing.Tests.Tickets.TicketBuilder;

namespace Atendimento.Routing.Tests.Tickets;

public sealed class TicketLifecycleTests
{
    private const string Assignee = "ana";
    private const string OtherAgent = "bruno";
    private static readonly TimeSpan Window = TicketOptions.DefaultReopenWindow;
    private readonly FakeTimeProvider _clock = new(ResolvedAtDefault.AddHours(1));

    public static TheoryData<TicketStatus, TicketTrigger, TicketStatus> AllowedTransitions()
    {
        var data = new TheoryData<TicketStatus, TicketTrigger, TicketStatus>();
        foreach (var transition in TicketLifecycle.Transitions)
        {
            data.Add(transition.From, transition.Trigger, transition.To);
        }
        return data;
    }

    /// <summary>Every (state, trigger) pair the table does not list, from the enums, so a new state or trigger is covered.</summary>
    public static TheoryData<TicketStatus, TicketTrigger> RefusedPairs()
    {
        var data = new TheoryData<TicketStatus, TicketTrigger>();
        foreach (var status in Enum.GetValues<TicketStatus>())
        {
            foreach (var trigger in Enum.GetValues<TicketTrigger>())
            {
                // A customer message in an active state that is not waiting is recorded without a transition (its own test).
                var customerMessageWhileActive = trigger == TicketTrigger.CustomerReplied && TicketLifecycle.IsActive(status);
                if (!TicketLifecycle.Transitions.Any(t => t.From == status && t.Trigger == trigger) && !customerMessageWhileActive)
                {
                    data.Add(status, trigger);
                }
            }
        }
        return data;
    }

    public static TheoryData<TicketStatus> StatusesWithoutAnAgent() =>
        new(Enum.GetValues<TicketStatus>().Where(status => !TicketLifecycle.IsWithAgent(status)));

    [Theory]
    [MemberData(nameof(AllowedTransitions))]
    public void Every_transition_in_the_table_is_taken_by_its_intent_method(TicketStatus from, TicketTrigger trigger, TicketStatus to)
    {
        var ticket = ATicket().AssignedTo(Assignee).InStatus(from).Build();

        var result = Fire(ticket, trigger);

        Assert.True(result.Succeeded, result.Reason);
        Assert.Null(result.Reason);
        Assert.Equal(from, result.From);
        Assert.Equal(to, result.To);
        Assert.Equal(to, ticket.Status);
    }

    [Fact]
    public void Accept_moves_an_open_ticket_to_in_progress_and_records_the_agent_and_the_time()
    {
        var ticket = ATicket().InStatus(TicketStatus.Open).Build();

        var result = ticket.Accept(Assignee, _clock.GetUtcNow());

        Assert.True(result.Succeeded);
        Assert.Equal(TicketStatus.InProgress, ticket.Status);
        Assert.Equal(Assignee, ticket.AssigneeId);
        Assert.Equal(_clock.GetUtcNow(), ticket.AcceptedAt);
        Assert.Null(ticket.FirstResponseAt);
        Assert.Null(ticket.ResolvedAt);
        Assert.Null(ticket.ClosedAt);
        Assert.Equal(OpenedAtDefault, ticket.OpenedAt);
    }

    [Fact]
    public void Resolve_by_the_assignee_moves_an_in_progress_ticket_to_resolved_and_records_the_time()
    {
        var ticket = ATicket().AssignedTo(Assignee).InStatus(TicketStatus.InProgress).Build();

        var result = ticket.Resolve(Assignee, _clock.GetUtcNow());

        Assert.True(result.Succeeded);
        Assert.Equal(TicketStatus.Resolved, ticket.Status);
        Assert.Equal(_clock.GetUtcNow(), ticket.ResolvedAt);
        Assert.Equal(Assignee, ticket.AssigneeId);
        Assert.Equal(AcceptedAtDefault, ticket.AcceptedAt);
        Assert.Equal(FirstResponseAtDefault, ticket.FirstResponseAt);
        Assert.Null(ticket.ClosedAt);
    }

    [Fact]
    public void Close_moves_a_resolved_ticket_to_closed_and_records_the_time()
    {
        var ticket = ATicket().InStatus(TicketStatus.Resolved).Build();

        var result = ticket.Close(_clock.GetUtcNow());

        Assert.True(result.Succeeded);
        Assert.Equal(TicketStatus.Closed, ticket.Status);
        Assert.Equal(_clock.GetUtcNow(), ticket.ClosedAt);
        Assert.Equal(ResolvedAtDefault, ticket.ResolvedAt);
    }

    [Fact]
    public void Reopen_moves_a_resolved_ticket_back_to_open_and_clears_the_assignee_and_the_resolution()
    {
        var ticket = ATicket().InStatus(TicketStatus.Resolved).Build();

        var result = ticket.Reopen(_clock.GetUtcNow(), Window);

        Assert.True(result.Succeeded);
        Assert.Equal(TicketStatus.Open, ticket.Status);
        Assert.Null(ticket.AssigneeId);
        Assert.Null(ticket.ResolvedAt);
        Assert.Null(ticket.ClosedAt);
        Assert.Equal(OpenedAtDefault, ticket.OpenedAt);
    }

    [Fact]
    public void Reopen_moves_a_closed_ticket_back_to_open_and_clears_the_assignee_the_resolution_and_the_closing()
    {
        var ticket = ATicket().InStatus(TicketStatus.Closed).Build();

        var result = ticket.Reopen(_clock.GetUtcNow(), Window);

        Assert.True(result.Succeeded);
        Assert.Equal(TicketStatus.Open, ticket.Status);
        Assert.Null(ticket.AssigneeId);
        Assert.Null(ticket.ResolvedAt);
        Assert.Null(ticket.ClosedAt);
    }

    [Theory]
    [MemberData(nameof(RefusedPairs))]
    public void A_trigger_the_table_does_not_allow_in_a_state_is_refused_with_a_reason_and_leaves_the_ticket_unchanged(TicketStatus status, TicketTrigger trigger)
    {
        var ticket = ATicket().AssignedTo(Assignee).InStatus(status).Build();
        var before = ticket with { };

        var result = Fire(ticket, trigger);

        Assert.False(result.Succeeded);
        Assert.False(string.IsNullOrWhiteSpace(result.Reason));
        Assert.Contains(status.ToString(), result.Reason, StringComparison.Ordinal);
        Assert.Equal(status, result.From);
        Assert.Equal(status, result.To);
        Assert.Equal(before, ticket);
    }

    [Theory]
    [InlineData(SupportLevel.N1, false)]
    [InlineData(SupportLevel.N2, true)]
    [InlineData(SupportLevel.N3, true)]
    public void AcceptBy_treats_the_ticket_level_as_a_floor_for_the_agent(SupportLevel agentLevel, bool accepted)
    {
        var ticket = ATicket().Build();
        var before = ticket with { };
        var agent = new Agent(ticket.TenantId, "zoe", "Zoe", agentLevel, [], 3);

        var result = ticket.AcceptBy(agent, _clock.GetUtcNow());

        Assert.Equal(SupportLevel.N2, ticket.Level);
        Assert.Equal(accepted, result.Succeeded);
        if (accepted)
        {
            Assert.Equal((TicketStatus.InProgress, "zoe"), (ticket.Status, ticket.AssigneeId));
        }
        else
        {
            Assert.Contains("needs an agent of level N2 or above", result.Reason, StringComparison.Ordinal);
            Assert.Equal(before, ticket);
        }
    }

    [Fact]
    public void Resolve_by_an_agent_other_than_the_assignee_is_refused_and_leaves_the_ticket_unchanged()
    {
        var ticket = ATicket().AssignedTo(Assignee).InStatus(TicketStatus.InProgress).Build();
        var before = ticket with { };

        var result = ticket.Resolve(OtherAgent, _clock.GetUtcNow());

        Assert.False(result.Succeeded);
        Assert.Contains("another agent", result.Reason, StringComparison.Ordinal);
        Assert.Equal(before, ticket);
    }

    [Theory]
    [MemberData(nameof(StatusesWithoutAnAgent))]
    public void RecordAgentReply_is_refused_unless_the_ticket_is_in_progress_or_waiting_on_the_customer(TicketStatus status)
    {
        var ticket = ATicket().AssignedTo(Assignee).InStatus(status).Build();
        var before = ticket with { };

        var result = ticket.RecordAgentReply(Assignee, _clock.GetUtcNow());

        Assert.False(result.Succeeded);
        Assert.Contains(status.ToString(), result.Reason, StringComparison.Ordinal);
        Assert.Equal(before, ticket);
    }

    [Fact]
    public void RecordAgentReply_by_an_agent_other_than_the_assignee_is_refused_and_leaves_the_ticket_unchanged()
    {
        var ticket = ATicket().AssignedTo(Assignee).InStatus(TicketStatus.InProgress).Build();
        ticket.FirstResponseAt = null;
        var before = ticket with { };

        var result = ticket.RecordAgentReply(OtherAgent, _clock.GetUtcNow());

        Assert.False(result.Succeeded);
        Assert.Contains("another agent", result.Reason, StringComparison.Ordinal);
        Assert.Equal(before, ticket);
    }

    [Fact]
    public void RecordAgentReply_by_the_assignee_sets_the_first_response_time_only_once()
    {
        var ticket = ATicket().InStatus(TicketStatus.Open).Build();
        ticket.Accept(Assignee, _clock.GetUtcNow());
        _clock.Advance(TimeSpan.FromMinutes(3));
        var firstReplyAt = _clock.GetUtcNow();

        var first = ticket.RecordAgentReply(Assignee, firstReplyAt);
        _clock.Advance(TimeSpan.FromMinutes(5));
        var second = ticket.RecordAgentReply(Assignee, _clock.GetUtcNow());

        Assert.True(first.Succeeded);
        Assert.True(second.Succeeded);
        Assert.Equal(TicketStatus.InProgress, ticket.Status);
        Assert.Equal(firstReplyAt, ticket.FirstResponseAt);
    }

    /// <summary>Each trigger through its intent method, with arguments that pass every guard but the table's.</summary>
    private TransitionResult Fire(Ticket ticket, TicketTrigger trigger)
    {
        var now = _clock.GetUtcNow();
        return trigger switch
        {
            TicketTrigger.Assign => ticket.Assign(Agents.Carla, now),
            TicketTrigger.Accept => ticket.Accept(Assignee, now),
            TicketTrigger.TransferToAgent => ticket.TransferTo(Agents.Carla, now),
            TicketTrigger.TransferToQueue => ticket.TransferToQueue("n2-fibra"),
            TicketTrigger.Escalate => ticket.Escalate("Cliente citou a Anatel.", "ouvidoria", now),
            TicketTrigger.Deescalate => ticket.Deescalate("atendimento-geral"),
            TicketTrigger.WaitOnCustomer => ticket.WaitOnCustomer(Assignee),
            TicketTrigger.CustomerReplied => ticket.RecordCustomerMessage(now),
            TicketTrigger.Resolve => ticket.Resolve(Assignee, now, "Modem trocado."),
            TicketTrigger.Close => ticket.Close(now),
            TicketTrigger.Reopen => ticket.Reopen(now, Window),
            TicketTrigger.Cancel => ticket.Cancel(now),
            TicketTrigger.Merge => ticket.MergeInto(ATicket().WithId(43).Build()),
            _ => throw new ArgumentOutOfRangeException(nameof(trigger), trigger, "A new trigger needs its intent method here."),
        };
    }
}
