namespace Atendimento.Routing.Tickets;

/// <summary>
/// A page of a tenant's tickets, newest first (by id, which never changes, so pages are stable while tickets
/// change state). <see cref="BeforeId"/> continues after the last ticket of the previous page.
/// </summary>
public sealed record TicketQuery(
    TicketStatus? Status = null,
    SupportLevel? Level = null,
    string? Queue = null,
    string? AssigneeId = null,
    long? BeforeId = null,
    int Limit = 50)
{
    public bool Matches(Ticket ticket) =>
        (Status is null || ticket.Status == Status)
        && (Level is null || ticket.Level == Level)
        && (Queue is null || ticket.Queue == Queue)
        && (AssigneeId is null || ticket.AssigneeId == AssigneeId)
        && (BeforeId is null || ticket.Id.Value < BeforeId);
}

/// <param name="NextBeforeId">Where the next page starts; null on the last page.</param>
public sealed record TicketPage(IReadOnlyList<Ticket> Items, long? NextBeforeId)
{
    /// <summary>Builds a page from up to <c>limit + 1</c> rows: the extra row only says that there is more.</summary>
    public static TicketPage From(IReadOnlyList<Ticket> rows, int limit) => rows.Count > limit
        ? new TicketPage(rows.Take(limit).ToList(), rows[limit - 1].Id.Value)
        : new TicketPage(rows, null);
}
