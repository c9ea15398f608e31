namespace Atendimento.Routing.Tickets;

/// <summary>How soon the ticket should be served; routing serves higher priorities first.</summary>
public enum TicketPriority
{
    Low = 1,
    Normal = 2,
    High = 3,
    Urgent = 4,
}

/// <summary>How bad the customer's problem is, independent of how soon it is served.</summary>
public enum TicketSeverity
{
    Minor = 1,
    Moderate = 2,
    Major = 3,
    Critical = 4,
}
