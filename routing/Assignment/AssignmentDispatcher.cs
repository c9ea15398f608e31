using Atendimento.Platform.Messaging;
using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Agents;
using Atendimento.Routing.Tickets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Atendimento.Routing.Assignment;

/// <summary>
/// Push mode. Every instance runs one; on a wake-up (<see cref="AssignmentSignal"/>, local or from another
/// instance over the bus) or at each sweep it makes a pass over every tenant with queued tickets: overdue tickets
/// overflow, and the rest, in <see cref="AssignmentOrder"/>, go to the agent <see cref="AssignmentPolicy"/> picks.
/// Instances may race for one ticket or one agent; the ticket's version and the agent's capacity claim, both
/// checked in the store's transaction, let exactly one win, and the loser simply moves on.
/// </summary>
public sealed partial class AssignmentDispatcher(
    IAssignmentStore store, AgentRoster roster, TicketService tickets, AgentPresenceService presence, AssignmentSignal signal,
    IMessageBus bus, IOptions<AssignmentOptions> options, TimeProvider clock, ILogger<AssignmentDispatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }
        var subscription = await SubscribeAsync(stoppingToken);
        try
        {
            await LoopAsync(stoppingToken);
        }
        finally
        {
            await UnsubscribeAsync(subscription);
        }
    }

    private async Task LoopAsync(CancellationToken stoppingToken)
    {
        var sweep = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await RunPassAsync(sweep, stoppingToken))
                {
                    // Something moved: the next pass may find more that the moves made possible.
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // A database blip must not end the dispatcher, which would stop the host; the next sweep retries.
                LogPassFailed(exception);
            }
            sweep = !await signal.WaitAsync(options.Value.SweepInterval, stoppingToken);
        }
    }

    /// <summary>Wake-ups from the other instances. Without them (Redis down at start) the sweep still finds the work.</summary>
    private async Task<IAsyncDisposable?> SubscribeAsync(CancellationToken stoppingToken)
    {
        try
        {
            return await bus.SubscribeAsync(AssignmentSignal.Topic, _ =>
            {
                signal.WakeLocal();
                return Task.CompletedTask;
            }, stoppingToken);
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            LogSubscribeFailed(exception);
            return null;
        }
    }

    private async Task UnsubscribeAsync(IAsyncDisposable? subscription)
    {
        try
        {
            if (subscription is not null)
            {
                await subscription.DisposeAsync();
            }
        }
        catch (Exception exception)
        {
            // Stopping anyway; a subscription left on a dead connection goes with it.
            LogSubscribeFailed(exception);
        }
    }

    /// <summary>One pass over every tenant with a queue; true when another pass should follow at once.</summary>
    public async Task<bool> RunPassAsync(bool sweep, CancellationToken cancellationToken = default)
    {
        var again = false;
        foreach (var tenant in await store.TenantsWithQueuedTicketsAsync(cancellationToken))
        {
            // Something moved: a ticket skipped because the pages shifted under us is caught by another pass.
            again |= (await DispatchAsync(tenant, sweep, cancellationToken)).Moved > 0;
        }
        return again;
    }

    /// <summary>
    /// Overflows and assigns one tenant's queue, a page at a time in assignment order. It reads on past the first
    /// page while any agent has room or any queue can overflow, so tickets nobody can serve at the head of the
    /// queue do not hide the ones behind them.
    /// </summary>
    public async Task<PassOutcome> DispatchAsync(TenantId tenant, bool sweep = false, CancellationToken cancellationToken = default)
    {
        var batch = options.Value.BatchSize;
        var agents = (await roster.ListAsync(tenant, cancellationToken)).ToList();
        if (sweep)
        {
            await ReturnFromOfflineAgentsAsync(tenant, agents, cancellationToken);
        }
        var moved = 0;
        var offset = 0;
        while (true)
        {
            var page = await store.QueuedAsync(tenant, batch, offset: offset, cancellationToken: cancellationToken);
            var movedHere = 0;
            foreach (var waiting in page)
            {
                movedHere += await OverflowIfOverdueAsync(waiting, cancellationToken) || await AssignAsync(waiting.Ticket, agents, cancellationToken) ? 1 : 0;
            }
            moved += movedHere;
            if (page.Count < batch || !WorthReadingOn(tenant, agents))
            {
                return new PassOutcome(moved, page.Count == batch);
            }
            // Tickets moved out of the way shift the rest of the queue up.
            offset += page.Count - movedHere;
        }
    }

    private bool WorthReadingOn(TenantId tenant, List<AgentStatus> agents) =>
        agents.Any(a => a.Presence == AgentPresence.Online && a.Spare > 0)
        || options.Value.Queues.Any(q => q.MaxWait is not null && (q.Tenant is null || q.Tenant == tenant.Value));

    private async Task<bool> OverflowIfOverdueAsync(QueuedTicket waiting, CancellationToken cancellationToken)
    {
        var ticket = waiting.Ticket;
        if (options.Value.Find(ticket.TenantId, ticket.Queue) is not { MaxWait: { } maxWait } queue
            || clock.GetUtcNow() - waiting.QueuedSince <= maxWait)
        {
            return false;
        }
        var result = await tickets.OverflowAsync(ticket, queue, cancellationToken);
        if (result.Outcome == TicketCommandOutcome.Done)
        {
            RoutingTelemetry.Overflows.Add(1);
            LogOverflow(ticket.TenantId.Value, ticket.Id.Value, ticket.Queue, result.Ticket!.Queue, result.Ticket.Level.ToString());
            return true;
        }
        LogOverflowRefused(ticket.TenantId.Value, ticket.Id.Value, result.Reason);
        return false;
    }

    /// <summary>Tries the best agents in turn; an agent another instance filled meanwhile counts as full for the rest of the pass.</summary>
    private async Task<bool> AssignAsync(Ticket ticket, List<AgentStatus> agents, CancellationToken cancellationToken)
    {
        if (options.Value.ModeOf(ticket.TenantId, ticket.Queue) != QueueMode.Push)
        {
            return false;
        }
        // Ends: every failed try marks that agent full, so the candidates only shrink.
        while (AssignmentPolicy.Choose(ticket, agents) is { } best)
        {
            var index = agents.IndexOf(best);
            var result = await tickets.AssignByRoutingAsync(best.Agent, ticket.Id, cancellationToken);
            switch (result.Outcome)
            {
                case TicketCommandOutcome.Done:
                    agents[index] = best with { Load = best.Load + 1, LastAssignedAt = clock.GetUtcNow() };
                    RoutingTelemetry.Assignments.Add(1, new KeyValuePair<string, object?>("mode", "push"));
                    LogAssigned(ticket.TenantId.Value, ticket.Id.Value, best.Agent.Id);
                    return true;
                case TicketCommandOutcome.AtCapacity:
                    agents[index] = best with { Load = best.Agent.Capacity };
                    break;
                default:
                    return false; // Taken or changed by someone else: not ours to assign any more.
            }
        }
        return false;
    }

    private async Task ReturnFromOfflineAgentsAsync(TenantId tenant, List<AgentStatus> agents, CancellationToken cancellationToken)
    {
        foreach (var offline in agents.Where(a => a.Presence == AgentPresence.Offline && a.Load > 0))
        {
            await presence.ReturnWaitingTicketsAsync(tenant, offline.Agent.Id, cancellationToken);
        }
    }

    [LoggerMessage(EventId = 3550, Level = LogLevel.Debug, Message = "Ticket {TicketId} of tenant {TenantId} assigned to {AgentId}")]
    private partial void LogAssigned(string tenantId, long ticketId, string agentId);

    [LoggerMessage(EventId = 3552, Level = LogLevel.Error, Message = "An assignment pass failed; the next sweep tries again")]
    private partial void LogPassFailed(Exception exception);

    [LoggerMessage(EventId = 3555, Level = LogLevel.Warning,
        Message = "Could not subscribe to (or leave) the assignment wake-ups of other instances; relying on the sweep")]
    private partial void LogSubscribeFailed(Exception exception);

    [LoggerMessage(EventId = 3553, Level = LogLevel.Information,
        Message = "Ticket {TicketId} of tenant {TenantId} overflowed from queue {From} to queue {To} at level {Level}")]
    private partial void LogOverflow(string tenantId, long ticketId, string from, string to, string level);

    [LoggerMessage(EventId = 3554, Level = LogLevel.Debug, Message = "Ticket {TicketId} of tenant {TenantId} is overdue in its queue but did not overflow: {Reason}")]
    private partial void LogOverflowRefused(string tenantId, long ticketId, string? reason);
}

/// <summary>What one pass over a tenant did: tickets assigned or overflowed, and whether the batch was full.</summary>
public sealed record PassOutcome(int Moved, bool MoreQueued);
