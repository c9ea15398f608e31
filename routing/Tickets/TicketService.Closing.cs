using Atendimento.Routing.Agents;

namespace Atendimento.Routing.Tickets;

/// <summary>Ending a ticket and bringing it back: resolve, close, reopen, cancel, merge.</summary>
public sealed partial class TicketService
{
    public async Task<TicketCommandResult> ResolveAsync(Agent agent, TicketId id, string? resolution = null, CancellationToken cancellationToken = default)
    {
        using var span = Trace("ticket.resolve", agent, id);
        var result = await writer.ChangeAsync(agent.TenantId, id, Actor(agent), resolution, ticket => ticket.Resolve(agent.Id, writer.Now, resolution), cancellationToken);
        if (result.Ticket is { } resolved)
        {
            var closing = await store.AppendMessageAsync(resolved.TenantId, resolved.Id,
                new NewTicketMessage(MessageAuthor.System, agent.Id, "Atendimento encerrado pelo agente.", writer.Now), cancellationToken);
            await writer.Events.MessageAddedAsync(resolved, closing, cancellationToken);
            await customers.TicketResolvedAsync(resolved, cancellationToken);
        }
        return result;
    }

    public Task<TicketCommandResult> CloseAsync(Agent agent, TicketId id, string? reason, CancellationToken cancellationToken = default) =>
        writer.ChangeAsync(agent.TenantId, id, Actor(agent), reason, ticket => ticket.Close(writer.Now), cancellationToken);

    /// <summary>Back to its queue within <see cref="TicketOptions.ReopenWindow"/>; the customer's conversation stays with the bot until they ask for a person again.</summary>
    public Task<TicketCommandResult> ReopenAsync(Agent agent, TicketId id, string reason, CancellationToken cancellationToken = default) =>
        writer.ChangeAsync(agent.TenantId, id, Actor(agent), reason, ticket => ticket.Reopen(writer.Now, options.Value.ReopenWindow), cancellationToken);

    public Task<TicketCommandResult> CancelAsync(Agent agent, TicketId id, string reason, CancellationToken cancellationToken = default) =>
        writer.ChangeAsync(agent.TenantId, id, Actor(agent), reason, ticket => ticket.Cancel(writer.Now), cancellationToken);

    /// <summary>Folds the duplicate <paramref name="id"/> into <paramref name="targetId"/>, a ticket of the same customer; both get an audit line.</summary>
    public Task<TicketCommandResult> MergeAsync(Agent agent, TicketId id, TicketId targetId, string? reason, CancellationToken cancellationToken = default) =>
        writer.ChangeAsync(agent.TenantId, id, Actor(agent), reason, (ticket, target) => ticket.MergeInto(target!), targetId, cancellationToken);
}
