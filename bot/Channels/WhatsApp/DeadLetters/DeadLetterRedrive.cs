using System.Text.Json;
using Atendimento.Platform.Tenancy;

namespace Atendimento.Bot.Channels.WhatsApp.DeadLetters;

/// <summary>
/// Sends dead letters again: queues them from their first attempt, shows them queued again on their ticket lines,
/// wakes the dispatcher, and writes the audit record whatever the outcome.
/// </summary>
public sealed partial class DeadLetterRedrive(
    IWhatsAppDeadLetters deadLetters,
    IRedriveAudit audit,
    TicketDeliveryReports tickets,
    WhatsAppOutboxSignal dispatcher,
    TimeProvider clock,
    ILogger<DeadLetterRedrive> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<RedriveResponse> RedriveAsync(string actor, DeadLetterFilter filter, IReadOnlyList<string>? ids, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var redriven = await deadLetters.RedriveAsync(filter, ids, now, cancellationToken);
        foreach (var message in redriven)
        {
            await tickets.ReportAsync(message, DeliveryState.Queued, null, restart: true, cancellationToken);
        }
        dispatcher.Notify();
        var requested = ids?.Count ?? redriven.Count;
        var record = await audit.AppendAsync(new RedriveRecord(0, filter.TenantId, actor, now, Describe(filter, ids), requested, redriven.Count,
            Result(requested, redriven.Count)), cancellationToken);
        LogRedriven(filter.TenantId.Value, actor, redriven.Count, record.Id);
        return new RedriveResponse(record.Id, requested, redriven.Count, record.Result, redriven.Select(m => m.Id).ToList());
    }

    private static string Result(int requested, int redriven) => redriven switch
    {
        0 => "nothing matched",
        _ when redriven < requested => "partial",
        _ => "redriven",
    };

    private static string Describe(DeadLetterFilter filter, IReadOnlyList<string>? ids) => JsonSerializer.Serialize(new
    {
        tenantId = filter.TenantId.Value,
        filter.PhoneNumberId,
        filter.ErrorCode,
        filter.From,
        filter.To,
        filter.ConversationId,
        ids,
    }, Json);

    [LoggerMessage(EventId = 5320, Level = LogLevel.Warning, Message = "Admin {Actor} re-drove {Count} WhatsApp dead letters of tenant {TenantId} (audit {AuditId})")]
    private partial void LogRedriven(string tenantId, string actor, int count, long auditId);
}
