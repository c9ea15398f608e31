namespace Atendimento.Routing.Tickets;

/// <summary>
/// The ticket lifecycle as data: (state, trigger) -> next state. The aggregate consults it for every change,
/// and a test renders it as the Mermaid diagram in docs/routing.md, so the picture cannot drift from the code.
/// </summary>
public static class TicketLifecycle
{
    /// <summary>The states in which a human, not the bot, owns the customer's conversation.</summary>
    public static IReadOnlyList<TicketStatus> ActiveStatuses { get; } =
        [TicketStatus.Open, TicketStatus.Assigned, TicketStatus.InProgress, TicketStatus.WaitingOnCustomer];

    /// <summary>States no trigger leaves (Closed is not one: it can be reopened within the window).</summary>
    public static IReadOnlyList<TicketStatus> FinalStatuses { get; } = [TicketStatus.Cancelled, TicketStatus.Merged];

    public static IReadOnlyList<TicketTransition> Transitions { get; } =
    [
        new(TicketStatus.Open, TicketTrigger.Assign, TicketStatus.Assigned),
        new(TicketStatus.Open, TicketTrigger.Accept, TicketStatus.InProgress),
        new(TicketStatus.Assigned, TicketTrigger.Accept, TicketStatus.InProgress),
        new(TicketStatus.InProgress, TicketTrigger.WaitOnCustomer, TicketStatus.WaitingOnCustomer),
        new(TicketStatus.WaitingOnCustomer, TicketTrigger.CustomerReplied, TicketStatus.InProgress),
        .. From([TicketStatus.Assigned, TicketStatus.InProgress, TicketStatus.WaitingOnCustomer], TicketTrigger.TransferToAgent, TicketStatus.Assigned),
        .. From(ActiveStatuses, TicketTrigger.TransferToQueue, TicketStatus.Open),
        .. From(ActiveStatuses, TicketTrigger.Escalate, TicketStatus.Open),
        .. From(ActiveStatuses, TicketTrigger.Deescalate, TicketStatus.Open),
        new(TicketStatus.InProgress, TicketTrigger.Resolve, TicketStatus.Resolved),
        new(TicketStatus.WaitingOnCustomer, TicketTrigger.Resolve, TicketStatus.Resolved),
        new(TicketStatus.Resolved, TicketTrigger.Close, TicketStatus.Closed),
        new(TicketStatus.Resolved, TicketTrigger.Reopen, TicketStatus.Open),
        new(TicketStatus.Closed, TicketTrigger.Reopen, TicketStatus.Open),
        .. From(ActiveStatuses, TicketTrigger.Cancel, TicketStatus.Cancelled),
        .. From([.. ActiveStatuses, TicketStatus.Resolved], TicketTrigger.Merge, TicketStatus.Merged),
    ];

    public static TicketStatus? Next(TicketStatus from, TicketTrigger trigger) =>
        Transitions.FirstOrDefault(t => t.From == from && t.Trigger == trigger)?.To;

    /// <summary>The triggers the table allows from <paramref name="from"/>, for refusals that say what is possible.</summary>
    public static IReadOnlyList<TicketTrigger> AllowedFrom(TicketStatus from) =>
        Transitions.Where(t => t.From == from).Select(t => t.Trigger).Distinct().ToList();

    /// <summary>The states in which a human, not the bot, owns the customer's conversation.</summary>
    public static bool IsActive(TicketStatus status) => ActiveStatuses.Contains(status);

    /// <summary>Active and taken by an agent: the customer is talking to a person, not waiting in a queue.</summary>
    public static bool IsWithAgent(TicketStatus status) => status is TicketStatus.InProgress or TicketStatus.WaitingOnCustomer;

    /// <summary>Closed, cancelled or merged: nothing about the ticket may change any more except a reopen of a closed one.</summary>
    public static bool IsEnded(TicketStatus status) => status is TicketStatus.Closed || FinalStatuses.Contains(status);

    public static string ToMermaid()
    {
        var lines = new List<string> { "stateDiagram-v2", "    [*] --> Open: handoff" };
        lines.AddRange(Transitions.Select(t => $"    {t.From} --> {t.To}: {t.Trigger}"));
        lines.AddRange(new[] { TicketStatus.Closed }.Concat(FinalStatuses).Select(status => $"    {status} --> [*]"));
        return string.Join('\n', lines) + "\n";
    }

    private static IEnumerable<TicketTransition> From(IEnumerable<TicketStatus> sources, TicketTrigger trigger, TicketStatus to) =>
        sources.Select(from => new TicketTransition(from, trigger, to));
}

public sealed record TicketTransition(TicketStatus From, TicketTrigger Trigger, TicketStatus To);
