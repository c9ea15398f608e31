using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Tickets;

namespace Atendimento.Handoff;

/// <summary>While a human owns a conversation, the customer's messages go to the ticket instead of the bot.</summary>
public sealed class HandoffRelay(ITicketStore tickets, CustomerMessages customerMessages, ITicketEvents events)
{
    /// <summary>
    /// The owner follows the ticket: open or assigned (not yet accepted) means queued, in progress or waiting on
    /// the customer means an agent, anything after means the bot again. Reading it from the ticket means a
    /// resolve needs no second write to stay consistent.
    /// </summary>
    public async Task<ConversationOwner> OwnerAsync(TenantId tenantId, TicketId? activeTicket, CancellationToken cancellationToken = default)
    {
        if (activeTicket is not { } id || await tickets.GetAsync(tenantId, id, cancellationToken) is not { } ticket)
        {
            return ConversationOwner.Bot;
        }
        return TicketLifecycle.IsWithAgent(ticket.Status) ? ConversationOwner.Agent
            : TicketLifecycle.IsActive(ticket.Status) ? ConversationOwner.Queued
            : ConversationOwner.Bot;
    }

    /// <summary>
    /// Appends the customer's message to the ticket while it is still active; null when the ticket ended in the
    /// meantime, and the bot should take the message instead.
    /// </summary>
    /// <param name="channelMessageId">The channel's id of the message, so a redelivery or a re-run turn adds no second line.</param>
    public async Task<TicketMessage?> RelayCustomerMessageAsync(
        TenantId tenantId, TicketId ticketId, string text, DateTimeOffset at, string? channelMessageId, CancellationToken cancellationToken = default)
    {
        var message = await tickets.AppendWhileActiveAsync(tenantId, ticketId, new NewTicketMessage(MessageAuthor.Customer, null, text, at, channelMessageId), cancellationToken);
        if (message is not null)
        {
            HandoffTelemetry.RelayedMessages.Add(1);
            // After the append, so the line is kept even if this loses to a resolve; a ticket waiting on the
            // customer goes back to in progress.
            var recorded = await customerMessages.RecordAsync(tenantId, ticketId, at, cancellationToken);
            if ((recorded.Ticket ?? await tickets.GetAsync(tenantId, ticketId, cancellationToken)) is { } ticket)
            {
                await events.MessageAddedAsync(ticket, message, cancellationToken);
            }
        }
        return message;
    }
}
