using Atendimento.Bot.Activities;
using Atendimento.Bot.Dialogs;
using Atendimento.Routing.Agents;
using Atendimento.Routing.Delivery;
using Atendimento.Routing.Tickets;

namespace Atendimento.Bot.Conversations;

/// <summary>Routing's way to the customer: finds the ticket's conversation and sends on its channel.</summary>
public sealed class CustomerConversations(
    IConversationStore store,
    ChannelSenders senders,
    OutboundActivities outbound,
    DialogCatalog catalog) : ICustomerConversations
{
    public async Task DeliverAgentMessageAsync(Ticket ticket, Agent agent, TicketMessage message, CancellationToken cancellationToken = default)
    {
        var conversation = await ConversationAsync(ticket, cancellationToken);
        var activity = outbound.Message(conversation, new BotReply(message.Text), null, AgentAccount(agent));
        await senders.For(conversation).SendAsync(conversation, [activity], cancellationToken);
    }

    public async Task TicketAcceptedAsync(Ticket ticket, Agent agent, CancellationToken cancellationToken = default)
    {
        var conversation = await ConversationAsync(ticket, cancellationToken);
        var text = catalog.Current.Definition.Policy.Messages.AgentJoined.Replace("{agent}", FirstName(agent), StringComparison.Ordinal);
        await senders.For(conversation).SendAsync(conversation,
            [outbound.Message(conversation, new BotReply(text), null), outbound.HandoffStatus(conversation, "accepted")], cancellationToken);
    }

    public async Task TicketResolvedAsync(Ticket ticket, CancellationToken cancellationToken = default)
    {
        var conversation = await ConversationAsync(ticket, cancellationToken);
        var text = catalog.Current.Definition.Policy.Messages.TicketResolved.Replace("{ticket}", ticket.Id.ToString(), StringComparison.Ordinal);
        await senders.For(conversation).SendAsync(conversation,
            [outbound.Message(conversation, new BotReply(text), null), outbound.HandoffStatus(conversation, "completed")], cancellationToken);
    }

    private async Task<ConversationState> ConversationAsync(Ticket ticket, CancellationToken cancellationToken) =>
        await store.GetAsync(ticket.TenantId, ticket.ConversationRef, cancellationToken)
        ?? throw new InvalidOperationException($"Ticket {ticket.Id} points at conversation {ticket.ConversationRef}, which does not exist.");

    /// <summary>Agents speak as themselves; the role stays "bot" so Web Chat draws them on the bot's side.</summary>
    private static ChannelAccount AgentAccount(Agent agent) => new($"agent:{agent.Id}", agent.Name, "bot");

    private static string FirstName(Agent agent) => agent.Name.Split(' ')[0];
}
