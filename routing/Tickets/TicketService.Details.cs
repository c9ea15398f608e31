using Atendimento.Routing.Agents;

namespace Atendimento.Routing.Tickets;

/// <summary>What leaves the status alone: classification, tags, internal notes and replies to the customer.</summary>
public sealed partial class TicketService
{
    /// <summary>A new priority is served under other SLA targets; the clocks keep the time already used.</summary>
    public Task<TicketCommandResult> ChangePriorityAsync(Agent agent, TicketId id, TicketPriority priority, string? reason, CancellationToken cancellationToken = default) =>
        writer.ChangeAsync(agent.TenantId, id, Actor(agent), reason, ticket => ticket.ChangePriority(priority), cancellationToken);

    public Task<TicketCommandResult> ChangeSeverityAsync(Agent agent, TicketId id, TicketSeverity severity, string? reason, CancellationToken cancellationToken = default) =>
        writer.ChangeAsync(agent.TenantId, id, Actor(agent), reason, ticket => ticket.ChangeSeverity(severity), cancellationToken);

    public Task<TicketCommandResult> TagAsync(Agent agent, TicketId id, string tag, CancellationToken cancellationToken = default) =>
        writer.ChangeAsync(agent.TenantId, id, Actor(agent), null, ticket => ticket.AddTag(tag), cancellationToken);

    public Task<TicketCommandResult> UntagAsync(Agent agent, TicketId id, string tag, CancellationToken cancellationToken = default) =>
        writer.ChangeAsync(agent.TenantId, id, Actor(agent), null, ticket => ticket.RemoveTag(tag), cancellationToken);

    /// <summary>An internal note: a ticket line the customer never receives, and an audit line saying who wrote it.</summary>
    public async Task<TicketCommandResult> AddNoteAsync(Agent agent, TicketId id, string text, CancellationToken cancellationToken = default)
    {
        var result = await writer.ChangeAsync(agent.TenantId, id, Actor(agent), null, ticket => ticket.AddNote(), cancellationToken);
        if (result.Ticket is not { } ticket)
        {
            return result;
        }
        var note = await store.AppendMessageAsync(ticket.TenantId, ticket.Id,
            new NewTicketMessage(MessageAuthor.Agent, agent.Id, text, writer.Now, Internal: true), cancellationToken);
        await writer.Events.MessageAddedAsync(ticket, note, cancellationToken);
        return TicketCommandResult.Done(ticket, note);
    }

    public async Task<TicketCommandResult> ReplyAsync(Agent agent, TicketId id, string text, CancellationToken cancellationToken = default)
    {
        using var span = Trace("ticket.reply", agent, id);
        var result = await writer.ChangeAsync(agent.TenantId, id, Actor(agent), null, ticket => ticket.RecordAgentReply(agent.Id, writer.Now), cancellationToken);
        if (result.Ticket is not { } ticket)
        {
            return result;
        }
        // Logged before delivery: if delivery fails the agent still sees what they wrote, and the error.
        var message = await store.AppendMessageAsync(ticket.TenantId, ticket.Id,
            new NewTicketMessage(MessageAuthor.Agent, agent.Id, text, writer.Now), cancellationToken);
        await writer.Events.MessageAddedAsync(ticket, message, cancellationToken);
        await customers.DeliverAgentMessageAsync(ticket, agent, message, cancellationToken);
        RoutingTelemetry.AgentMessages.Add(1);
        return TicketCommandResult.Done(ticket, message);
    }
}
