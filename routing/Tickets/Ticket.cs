using System.Text.Json;
using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Agents;

namespace Atendimento.Routing.Tickets;

/// <summary>
/// The ticket aggregate. State changes go through intent-named methods that consult
/// <see cref="TicketLifecycle"/> and say why they refuse; persistence happens after, in the store,
/// with optimistic concurrency on <see cref="Version"/>.
/// </summary>
public sealed record Ticket
{
    public required TicketId Id { get; init; }
    public required TenantId TenantId { get; init; }
    public required TicketStatus Status { get; set; }
    public required SupportLevel Level { get; init; }
    public required string Queue { get; init; }
    public required IReadOnlyList<string> Skills { get; init; }

    /// <summary>Opaque reference to the customer's conversation; only the bot module can interpret it.</summary>
    public required string ConversationRef { get; init; }
    public required string Channel { get; init; }
    public string? CustomerName { get; init; }
    public required string ReasonCode { get; init; }

    /// <summary>The handoff record the ticket came from, kept whole as evidence for the agent.</summary>
    public required JsonElement Handoff { get; init; }
    public string? AssigneeId { get; set; }
    public required DateTimeOffset OpenedAt { get; init; }
    public DateTimeOffset? AcceptedAt { get; set; }
    public DateTimeOffset? FirstResponseAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public required int Version { get; init; }

    /// <summary>An agent takes the ticket; the ticket's level is a floor (an N1 agent cannot take an N2 ticket, an N3 can).</summary>
    public TransitionResult AcceptBy(Agent agent, DateTimeOffset now) =>
        agent.Level < Level
            ? TransitionResult.Rejected(Status, $"Ticket {Id} needs an agent of level {Level} or above; {agent.Id} is {agent.Level}.")
            : Accept(agent.Id, now);

    public TransitionResult Accept(string agentId, DateTimeOffset now)
    {
        var result = Move(TicketTrigger.Accept);
        if (result.Succeeded)
        {
            AssigneeId = agentId;
            AcceptedAt = now;
        }
        return result;
    }

    public TransitionResult Resolve(string agentId, DateTimeOffset now)
    {
        if (Status == TicketStatus.InProgress && AssigneeId != agentId)
        {
            return TransitionResult.Rejected(Status, $"Ticket {Id} is assigned to another agent.");
        }
        var result = Move(TicketTrigger.Resolve);
        if (result.Succeeded)
        {
            ResolvedAt = now;
        }
        return result;
    }

    public TransitionResult Close(DateTimeOffset now)
    {
        var result = Move(TicketTrigger.Close);
        if (result.Succeeded)
        {
            ClosedAt = now;
        }
        return result;
    }

    public TransitionResult Reopen()
    {
        var result = Move(TicketTrigger.Reopen);
        if (result.Succeeded)
        {
            AssigneeId = null;
            ResolvedAt = null;
            ClosedAt = null;
        }
        return result;
    }

    /// <summary>Checks that <paramref name="agentId"/> may write to the customer now, and records the first response.</summary>
    public TransitionResult RecordAgentReply(string agentId, DateTimeOffset now)
    {
        if (Status != TicketStatus.InProgress)
        {
            return TransitionResult.Rejected(Status, $"Ticket {Id} is {Status}; accept it before replying.");
        }
        if (AssigneeId != agentId)
        {
            return TransitionResult.Rejected(Status, $"Ticket {Id} is assigned to another agent.");
        }
        FirstResponseAt ??= now;
        return TransitionResult.Done(Status, Status);
    }

    private TransitionResult Move(TicketTrigger trigger)
    {
        var from = Status;
        if (TicketLifecycle.Next(from, trigger) is not { } to)
        {
            return TransitionResult.Rejected(from, $"Cannot {trigger.ToString().ToLowerInvariant()} ticket {Id} while it is {from}.");
        }
        Status = to;
        return TransitionResult.Done(from, to);
    }
}
