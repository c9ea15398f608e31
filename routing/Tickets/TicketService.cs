using Atendimento.Routing.Agents;
using Atendimento.Routing.Delivery;
using Microsoft.Extensions.Options;

namespace Atendimento.Routing.Tickets;

/// <summary>
/// Runs agents' commands on tickets through <see cref="TicketWriter"/> (transition, audit, save), and only then
/// does I/O towards the customer. This part: who holds the ticket and at which level.
/// </summary>
public sealed partial class TicketService(
    TicketWriter writer, ITicketStore store, IAgentDirectory agents, ICustomerConversations customers, IOptions<TicketOptions> options)
{
    public async Task<TicketCommandResult> AcceptAsync(Agent agent, TicketId id, CancellationToken cancellationToken = default)
    {
        using var span = Trace("ticket.accept", agent, id);
        var result = await writer.ChangeAsync(agent.TenantId, id, Actor(agent), null, ticket => ticket.AcceptBy(agent, writer.Now), cancellationToken);
        if (result.Ticket is { } accepted)
        {
            await customers.TicketAcceptedAsync(accepted, agent, cancellationToken);
        }
        return result;
    }

    public Task<TicketCommandResult> AssignAsync(Agent actor, TicketId id, string agentId, string? reason, CancellationToken cancellationToken = default) =>
        WithAgentAsync(actor, agentId, "agentId", target =>
            writer.ChangeAsync(actor.TenantId, id, Actor(actor), reason, ticket => ticket.Assign(target, writer.Now), cancellationToken), cancellationToken);

    public Task<TicketCommandResult> TransferToAgentAsync(Agent actor, TicketId id, string agentId, string? reason, CancellationToken cancellationToken = default) =>
        WithAgentAsync(actor, agentId, "agentId", target =>
            writer.ChangeAsync(actor.TenantId, id, Actor(actor), reason, ticket => ticket.TransferTo(target, writer.Now), cancellationToken), cancellationToken);

    public Task<TicketCommandResult> TransferToQueueAsync(Agent actor, TicketId id, string queue, string? reason, CancellationToken cancellationToken = default) =>
        writer.ChangeAsync(actor.TenantId, id, Actor(actor), reason, ticket => ticket.TransferToQueue(queue), cancellationToken);

    /// <summary>One level up, into <paramref name="queue"/> or the level's default queue; the SLA clocks go on under the new level's targets.</summary>
    public Task<TicketCommandResult> EscalateAsync(Agent actor, TicketId id, string reason, string? queue, CancellationToken cancellationToken = default) =>
        writer.ChangeAsync(actor.TenantId, id, Actor(actor), reason, ticket =>
            ticket.Escalate(reason, queue ?? options.Value.QueueFor(Above(ticket.Level)), writer.Now), cancellationToken);

    public Task<TicketCommandResult> DeescalateAsync(Agent actor, TicketId id, string reason, string? queue, CancellationToken cancellationToken = default) =>
        writer.ChangeAsync(actor.TenantId, id, Actor(actor), reason, ticket =>
            ticket.Deescalate(queue ?? options.Value.QueueFor(Below(ticket.Level))), cancellationToken);

    public Task<TicketCommandResult> WaitOnCustomerAsync(Agent agent, TicketId id, string? reason, CancellationToken cancellationToken = default) =>
        writer.ChangeAsync(agent.TenantId, id, Actor(agent), reason, ticket => ticket.WaitOnCustomer(agent.Id), cancellationToken);

    private async Task<TicketCommandResult> WithAgentAsync(Agent actor, string agentId, string field,
        Func<Agent, Task<TicketCommandResult>> command, CancellationToken cancellationToken) =>
        await agents.GetAsync(actor.TenantId, agentId, cancellationToken) is { } target
            ? await command(target)
            : TicketCommandResult.Invalid(field, $"There is no agent '{agentId}' in your tenant.");

    private static SupportLevel Above(SupportLevel level) => level == SupportLevel.N3 ? level : level + 1;

    private static SupportLevel Below(SupportLevel level) => level == SupportLevel.N1 ? level : level - 1;

    private static TicketActor Actor(Agent agent) => TicketActor.Agent(agent.Id);

    private static System.Diagnostics.Activity? Trace(string name, Agent agent, TicketId id)
    {
        var span = RoutingTelemetry.Source.StartActivity(name);
        span?.SetTag("ticket.id", id.Value);
        span?.SetTag("tenant.id", agent.TenantId.Value);
        span?.SetTag("agent.id", agent.Id);
        return span;
    }
}
