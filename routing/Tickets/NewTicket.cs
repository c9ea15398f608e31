using System.Text.Json;
using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Sla;

namespace Atendimento.Routing.Tickets;

/// <summary>
/// What a handoff asks routing for: where the ticket goes, and the evidence it carries. <see cref="CustomerRef"/>
/// names the customer across conversations; when absent, the conversation stands for the customer.
/// </summary>
public sealed record NewTicket(
    TenantId TenantId,
    string ConversationRef,
    string Channel,
    string? CustomerName,
    SupportLevel Level,
    string Queue,
    IReadOnlyList<string> Skills,
    string ReasonCode,
    JsonElement Handoff,
    DateTimeOffset OpenedAt,
    TicketPriority Priority = TicketPriority.Normal,
    string? CustomerRef = null)
{
    /// <summary>Deadlines and clocks from the tenant's SLA policy, filled in by <c>TicketSla.Start</c> before the ticket is opened.</summary>
    public DateTimeOffset? FirstResponseDueAt { get; init; }

    public DateTimeOffset? ResolutionDueAt { get; init; }

    public SlaClock? FirstResponseClock { get; init; }

    public SlaClock? ResolutionClock { get; init; }
}
