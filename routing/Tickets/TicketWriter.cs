using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Agents;
using Atendimento.Routing.Sla;
using Microsoft.Extensions.Logging;

namespace Atendimento.Routing.Tickets;

/// <summary>
/// The one way tickets change: load, let the aggregate decide, save with its audit line under optimistic
/// concurrency (reloading and deciding again when another writer won). Callers do their I/O after it returns.
/// A change that gives the ticket to an agent who did not hold it is saved only if the agent has room under their
/// capacity (<see cref="CapacityClaim"/>); <paramref name="agents"/> supplies the capacity, and without it (some unit
/// tests) no claim is made. Every change goes past <see cref="TicketSla"/>, so the SLA clocks follow whatever
/// operation made it; without one (some unit tests) tickets are not measured.
/// </summary>
public sealed partial class TicketWriter(
    ITicketStore store, TimeProvider clock, ILogger<TicketWriter> logger, IAgentDirectory? agents = null, TicketSla? sla = null,
    ITicketEvents? events = null)
{
    private const int MaxConcurrencyRetries = 5;

    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>Where saved changes are told; the ticket service tells its transcript lines there too.</summary>
    public ITicketEvents Events { get; } = events ?? NoTicketEvents.Instance;

    public Task<TicketCommandResult> ChangeAsync(TenantId tenant, TicketId id, TicketActor actor, string? reason,
        Func<Ticket, TransitionResult> change, CancellationToken cancellationToken = default) =>
        ChangeAsync(tenant, id, actor, reason, (ticket, _) => change(ticket), relatedId: null, cancellationToken);

    /// <summary>
    /// Like the other overload, with a second ticket read alongside and saved in the same transaction: the
    /// target of a merge gets its own audit line, and a merge racing a change of the target is retried.
    /// </summary>
    public async Task<TicketCommandResult> ChangeAsync(TenantId tenant, TicketId id, TicketActor actor, string? reason,
        Func<Ticket, Ticket?, TransitionResult> change, TicketId? relatedId, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; attempt < MaxConcurrencyRetries; attempt++)
        {
            if (await store.GetAsync(tenant, id, cancellationToken) is not { } ticket)
            {
                return TicketCommandResult.NotFound();
            }
            var related = relatedId is { } other ? await store.GetAsync(tenant, other, cancellationToken) : null;
            if (relatedId is not null && related is null)
            {
                return TicketCommandResult.Invalid("targetTicketId", $"There is no ticket {relatedId} for your tenant.");
            }
            var before = TicketSla.Snapshot(ticket);
            var holderBefore = AgentLoad.Holder(ticket);
            var previousAssignee = ticket.AssigneeId;
            var transition = change(ticket, related);
            if (!transition.Succeeded)
            {
                return TicketCommandResult.Refused(transition.Reason!);
            }
            sla?.Follow(ticket, clock.GetUtcNow());
            var claim = await ClaimAsync(ticket, holderBefore, cancellationToken);
            var updates = Updates(ticket, related, transition, actor, reason, claim);
            switch (await store.SaveAsync(updates, cancellationToken))
            {
                case SaveOutcome.AgentAtCapacity:
                    return TicketCommandResult.AtCapacity(
                        $"Ticket {id}: agent {claim!.AgentId} already holds {claim.Capacity} active tickets, their capacity.");
                case SaveOutcome.Saved:
                    Record(ticket, transition);
                    var saved = ticket with { Version = ticket.Version + 1 };
                    if (sla is not null)
                    {
                        await sla.AfterSaveAsync(before, saved, cancellationToken);
                    }
                    await Events.ChangedAsync(saved, transition, previousAssignee, cancellationToken);
                    return TicketCommandResult.Done(saved);
                case SaveOutcome.ConversationHasActiveTicket:
                    return TicketCommandResult.Refused(
                        $"Ticket {id}: its conversation already has another active ticket; resolve or merge that one instead.");
            }
        }
        LogContention(id.Value);
        return TicketCommandResult.Refused($"Ticket {id} is being changed by someone else; try again.");
    }

    /// <summary>A claim when the change hands the ticket to an agent who did not hold it before (assign, accept from the queue, transfer).</summary>
    private async Task<CapacityClaim?> ClaimAsync(Ticket ticket, string? holderBefore, CancellationToken cancellationToken)
    {
        if (AgentLoad.Holder(ticket) is not { } holder || holder == holderBefore || agents is null)
        {
            return null;
        }
        var agent = await agents.GetAsync(ticket.TenantId, holder, cancellationToken);
        return agent is null ? null : new CapacityClaim(agent.Id, agent.Capacity);
    }

    private List<TicketUpdate> Updates(Ticket ticket, Ticket? related, TransitionResult transition, TicketActor actor, string? reason, CapacityClaim? claim)
    {
        var now = clock.GetUtcNow();
        List<NewAuditEntry> audit = transition.Change is null ? [] : [NewAuditEntry.Of(transition, actor, reason, now)];
        List<TicketUpdate> updates = [new TicketUpdate(ticket, audit, claim)];
        if (related is not null)
        {
            // The related ticket does not change, but its version moves on, so a concurrent change of it retries us.
            var received = new NewAuditEntry(TicketAction.MergedFrom, actor, reason, ticket.Id.ToString(), related.Id.ToString(),
                related.Status, related.Status, now);
            updates.Add(new TicketUpdate(related, [received]));
        }
        return updates;
    }

    private void Record(Ticket ticket, TransitionResult transition)
    {
        if (transition.Change is not { } change)
        {
            return;
        }
        RoutingTelemetry.TicketTransitions.Add(1, new KeyValuePair<string, object?>("trigger", change.Action.ToString()));
        LogTransition(ticket.Id.Value, ticket.TenantId.Value, change.Action.ToString(), ticket.Status.ToString());
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Ticket {TicketId} of tenant {TenantId}: {Trigger} -> {Status}")]
    private partial void LogTransition(long ticketId, string tenantId, string trigger, string status);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Ticket {TicketId} kept changing under us; gave up after retries")]
    private partial void LogContention(long ticketId);
}
