using System.Text.Json;
using Atendimento.Routing.Tickets;
using Microsoft.Extensions.Logging;

namespace Atendimento.Routing.Desk.Feed;

/// <summary>
/// Puts ticket events in the agents' feed, each for the audience of its ticket (<see cref="DeskAudience"/>). The
/// dedupe keys (the ticket's version, the message's sequence) make a repeated call add nothing. A feed that cannot
/// be written is logged, not thrown: the change itself is already saved, and failing the caller would make them
/// repeat a command that happened.
/// </summary>
public sealed partial class DeskTicketEvents(DeskFeed feed, ILogger<DeskTicketEvents> logger) : ITicketEvents
{
    public Task OpenedAsync(Ticket ticket, CancellationToken cancellationToken = default) =>
        PublishAsync(ticket, DeskEventKinds.TicketOpened, $"ticket:{ticket.Id.Value}:opened", new
        {
            channel = ticket.Channel,
            customerName = ticket.CustomerName,
            reasonCode = ticket.ReasonCode,
            status = ticket.Status.ToString(),
            level = ticket.Level.ToString(),
            queue = ticket.Queue,
            openedAt = ticket.OpenedAt,
        }, DeskAudience.Of(ticket), cancellationToken);

    public Task ChangedAsync(Ticket ticket, TransitionResult transition, string? previousAssigneeId, CancellationToken cancellationToken = default)
    {
        if (transition.Change is not { } change || change.Action == TicketAction.Note)
        {
            return Task.CompletedTask; // a note shows as its message; nothing else changed
        }
        return PublishAsync(ticket, Kind(transition, ticket.AssigneeId != previousAssigneeId), $"ticket:{ticket.Id.Value}:v{ticket.Version}", new
        {
            action = change.Action.ToString(),
            from = change.From,
            to = change.To,
            statusFrom = transition.From.ToString(),
            status = transition.To.ToString(),
            assigneeId = ticket.AssigneeId,
            previousAssigneeId,
            level = ticket.Level.ToString(),
            queue = ticket.Queue,
        }, DeskAudience.Of(ticket, previousAssigneeId), cancellationToken);
    }

    public Task MessageAddedAsync(Ticket ticket, TicketMessage message, CancellationToken cancellationToken = default) =>
        PublishAsync(ticket, MessageKind(message), $"message:{ticket.Id.Value}:{message.Sequence}", new
        {
            sequence = message.Sequence,
            author = message.Author.ToString(),
            authorId = message.AuthorId,
            text = message.Text,
            at = message.At,
            @internal = message.Internal,
        }, DeskAudience.Of(ticket), cancellationToken);

    private static string Kind(TransitionResult transition, bool handsChanged) =>
        handsChanged || transition.Change!.Action is TicketAction.TransferToQueue or TicketAction.Escalate or TicketAction.Deescalate or TicketAction.Reopen
            ? DeskEventKinds.TicketAssignment
            : transition.From != transition.To ? DeskEventKinds.TicketStatus : DeskEventKinds.TicketUpdated;

    private static string MessageKind(TicketMessage message) => message switch
    {
        { Internal: true } => DeskEventKinds.InternalNote,
        { Author: MessageAuthor.Customer } => DeskEventKinds.CustomerMessage,
        { Author: MessageAuthor.Agent } => DeskEventKinds.AgentMessage,
        _ => DeskEventKinds.SystemMessage,
    };

    private async Task PublishAsync(Ticket ticket, string kind, string dedupeKey, object payload, DeskAudience audience, CancellationToken cancellationToken)
    {
        try
        {
            await feed.PublishAsync(ticket.TenantId, kind, ticket.Id.Value, JsonSerializer.Serialize(payload), dedupeKey, audience, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogFeedFailed(error, ticket.Id.Value, ticket.TenantId.Value, kind);
        }
    }

    [LoggerMessage(EventId = 3700, Level = LogLevel.Error, Message = "Could not write {Kind} of ticket {TicketId} (tenant {TenantId}) to the desk feed")]
    private partial void LogFeedFailed(Exception error, long ticketId, string tenantId, string kind);
}
