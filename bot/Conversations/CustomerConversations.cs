using Atendimento.Bot.Activities;
using Atendimento.Bot.Dialogs;
using Atendimento.Routing.Agents;
using Atendimento.Routing.Delivery;
using Atendimento.Routing.Tickets;

namespace Atendimento.Bot.Conversations;

/// <summary>
/// Routing's way to the customer: the ticket's conversation gets the activities through its outbox, under its
/// turn lock, so they keep their order with the bot's replies and survive a failed send.
/// </summary>
public sealed class CustomerConversations(
    ConversationTurnProcessor conversations,
    OutboundActivities outbound,
    DialogCatalog catalog) : ICustomerConversations
{
    public Task DeliverAgentMessageAsync(Ticket ticket, Agent agent, TicketMessage message, CancellationToken cancellationToken = default) =>
        DeliverAsync(ticket, conversation =>
            [TicketMessageLink.Attach(outbound.Message(conversation, new BotReply(message.Text), null, AgentAccount(agent)), message)], cancellationToken);

    public Task TicketAcceptedAsync(Ticket ticket, Agent agent, CancellationToken cancellationToken = default)
    {
        var text = Messages.AgentJoined.Replace("{agent}", FirstName(agent), StringComparison.Ordinal);
        return DeliverAsync(ticket, conversation =>
            [outbound.Message(conversation, new BotReply(text), null), outbound.HandoffStatus(conversation, "accepted")], cancellationToken);
    }

    public Task TicketResolvedAsync(Ticket ticket, CancellationToken cancellationToken = default)
    {
        var text = Messages.TicketResolved.Replace("{ticket}", ticket.Id.ToString(), StringComparison.Ordinal);
        return DeliverAsync(ticket, conversation =>
            [outbound.Message(conversation, new BotReply(text), null), outbound.HandoffStatus(conversation, "completed")], cancellationToken);
    }

    private BotMessages Messages => catalog.Current.Definition.Policy.Messages;

    private Task DeliverAsync(Ticket ticket, Func<ConversationState, IReadOnlyList<Activity>> compose, CancellationToken cancellationToken) =>
        conversations.DeliverAsync(ticket.TenantId, ticket.ConversationRef, compose, cancellationToken);

    /// <summary>Agents speak as themselves; the role stays "bot" so Web Chat draws them on the bot's side.</summary>
    private static ChannelAccount AgentAccount(Agent agent) => new($"agent:{agent.Id}", agent.Name, "bot");

    private static string FirstName(Agent agent) => agent.Name.Split(' ')[0];
}
