namespace Atendimento.Routing.Tickets;

/// <summary>
/// What happened to tickets, told by the code that made it happen, right after it is saved: the agent desk's feed
/// listens (<see cref="Desk.Feed.DeskTicketEvents"/>). Each call is idempotent, so a retried producer adds nothing.
/// </summary>
public interface ITicketEvents
{
    /// <summary>A handoff opened the ticket.</summary>
    Task OpenedAsync(Ticket ticket, CancellationToken cancellationToken = default);

    /// <summary>A saved transition; <paramref name="previousAssigneeId"/> is who held the ticket before it.</summary>
    Task ChangedAsync(Ticket ticket, TransitionResult transition, string? previousAssigneeId, CancellationToken cancellationToken = default);

    /// <summary>A line added to the ticket's transcript: the customer's, an agent's, a note or a system line.</summary>
    Task MessageAddedAsync(Ticket ticket, TicketMessage message, CancellationToken cancellationToken = default);
}

/// <summary>For code and tests that run tickets without a desk.</summary>
public sealed class NoTicketEvents : ITicketEvents
{
    public static readonly NoTicketEvents Instance = new();

    public Task OpenedAsync(Ticket ticket, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task ChangedAsync(Ticket ticket, TransitionResult transition, string? previousAssigneeId, CancellationToken cancellationToken = default) =>
        Task.CompletedTask;

    public Task MessageAddedAsync(Ticket ticket, TicketMessage message, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
