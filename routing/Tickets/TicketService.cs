using Atendimento.Routing.Agents;
using Atendimento.Routing.Delivery;
using Microsoft.Extensions.Logging;

namespace Atendimento.Routing.Tickets;

/// <summary>
/// Runs agents' commands on tickets: load, transition in the aggregate, save with optimistic concurrency
/// (retrying when another writer won), and only then do I/O towards the customer.
/// </summary>
public sealed partial class TicketService(ITicketStore store, ICustomerConversations customers, TimeProvider clock, ILogger<TicketService> logger)
{
    private const int MaxConcurrencyRetries = 5;

    public async Task<TicketCommandResult> AcceptAsync(Agent agent, TicketId id, CancellationToken cancellationToken = default)
    {
        using var span = Trace("ticket.accept", agent, id);
        var result = await ChangeAsync(agent, id, ticket => ticket.AcceptBy(agent, clock.GetUtcNow()), cancellationToken);
        if (result.Ticket is { } accepted)
        {
            Record(TicketTrigger.Accept, accepted);
            await customers.TicketAcceptedAsync(accepted, agent, cancellationToken);
        }
        return result;
    }

    public async Task<TicketCommandResult> ResolveAsync(Agent agent, TicketId id, CancellationToken cancellationToken = default)
    {
        using var span = Trace("ticket.resolve", agent, id);
        var result = await ChangeAsync(agent, id, ticket => ticket.Resolve(agent.Id, clock.GetUtcNow()), cancellationToken);
        if (result.Ticket is { } resolved)
        {
            Record(TicketTrigger.Resolve, resolved);
            await store.AppendMessageAsync(resolved.TenantId, resolved.Id,
                new NewTicketMessage(MessageAuthor.System, agent.Id, "Atendimento encerrado pelo agente.", clock.GetUtcNow()), cancellationToken);
            await customers.TicketResolvedAsync(resolved, cancellationToken);
        }
        return result;
    }

    public async Task<TicketCommandResult> ReplyAsync(Agent agent, TicketId id, string text, CancellationToken cancellationToken = default)
    {
        using var span = Trace("ticket.reply", agent, id);
        var result = await ChangeAsync(agent, id, ticket => ticket.RecordAgentReply(agent.Id, clock.GetUtcNow()), cancellationToken);
        if (result.Ticket is not { } ticket)
        {
            return result;
        }
        // Logged before delivery: if delivery fails the agent still sees what they wrote, and the error.
        var message = await store.AppendMessageAsync(ticket.TenantId, ticket.Id,
            new NewTicketMessage(MessageAuthor.Agent, agent.Id, text, clock.GetUtcNow()), cancellationToken);
        await customers.DeliverAgentMessageAsync(ticket, agent, message, cancellationToken);
        RoutingTelemetry.AgentMessages.Add(1);
        return TicketCommandResult.Done(ticket, message);
    }

    private async Task<TicketCommandResult> ChangeAsync(Agent agent, TicketId id, Func<Ticket, TransitionResult> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxConcurrencyRetries; attempt++)
        {
            var ticket = await store.GetAsync(agent.TenantId, id, cancellationToken);
            if (ticket is null)
            {
                return TicketCommandResult.NotFound();
            }
            var transition = change(ticket);
            if (!transition.Succeeded)
            {
                return TicketCommandResult.Refused(transition.Reason!);
            }
            if (await store.SaveAsync(ticket, cancellationToken))
            {
                return TicketCommandResult.Done(ticket with { Version = ticket.Version + 1 });
            }
        }
        LogContention(id.Value);
        return TicketCommandResult.Refused($"Ticket {id} is being changed by someone else; try again.");
    }

    private static System.Diagnostics.Activity? Trace(string name, Agent agent, TicketId id)
    {
        var span = RoutingTelemetry.Source.StartActivity(name);
        span?.SetTag("ticket.id", id.Value);
        span?.SetTag("tenant.id", agent.TenantId.Value);
        span?.SetTag("agent.id", agent.Id);
        return span;
    }

    private void Record(TicketTrigger trigger, Ticket ticket)
    {
        RoutingTelemetry.TicketTransitions.Add(1, new KeyValuePair<string, object?>("trigger", trigger.ToString()));
        LogTransition(ticket.Id.Value, ticket.TenantId.Value, trigger.ToString(), ticket.Status.ToString());
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Ticket {TicketId} of tenant {TenantId}: {Trigger} -> {Status}")]
    private partial void LogTransition(long ticketId, string tenantId, string trigger, string status);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Ticket {TicketId} kept changing under us; gave up after retries")]
    private partial void LogContention(long ticketId);
}
