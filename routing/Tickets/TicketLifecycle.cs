namespace Atendimento.Routing.Tickets;

/// <summary>
/// The ticket lifecycle as data: (state, trigger) -> next state. The aggregate consults it for every change,
/// and a test renders it as the Mermaid diagram in docs/routing.md, so the picture cannot drift from the code.
/// </summary>
public static class TicketLifecycle
{
    public static IReadOnlyList<TicketTransition> Transitions { get; } =
    [
        new(TicketStatus.Open, TicketTrigger.Accept, TicketStatus.InProgress),
        new(TicketStatus.InProgress, TicketTrigger.Resolve, TicketStatus.Resolved),
        new(TicketStatus.Resolved, TicketTrigger.Close, TicketStatus.Closed),
        new(TicketStatus.Resolved, TicketTrigger.Reopen, TicketStatus.Open),
        new(TicketStatus.Closed, TicketTrigger.Reopen, TicketStatus.Open),
    ];

    public static TicketStatus? Next(TicketStatus from, TicketTrigger trigger) =>
        Transitions.FirstOrDefault(t => t.From == from && t.Trigger == trigger)?.To;

    /// <summary>The states in which a human, not the bot, owns the customer's conversation.</summary>
    public static bool IsActive(TicketStatus status) => status is TicketStatus.Open or TicketStatus.InProgress;

    public static string ToMermaid()
    {
        var lines = new List<string> { "stateDiagram-v2", "    [*] --> Open: handoff" };
        lines.AddRange(Transitions.Select(t => $"    {t.From} --> {t.To}: {t.Trigger}"));
        lines.Add("    Closed --> [*]");
        return string.Join('\n', lines) + "\n";
    }
}

public sealed record TicketTransition(TicketStatus From, TicketTrigger Trigger, TicketStatus To);
