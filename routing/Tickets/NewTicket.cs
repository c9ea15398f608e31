using System.Text.Json;
using Atendimento.Platform.Tenancy;

namespace Atendimento.Routing.Tickets;

/// <summary>What a handoff asks routing for: where the ticket goes, and the evidence it carries.</summary>
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
    DateTimeOffset OpenedAt);
