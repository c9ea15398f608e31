using System.Text.Json;
using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Sla;
using Atendimento.Routing.Tickets;
using Microsoft.Extensions.Logging;

namespace Atendimento.Handoff;

/// <summary>Turns a handoff record into a ticket in routing, carrying the transcript so far.</summary>
public sealed partial class HandoffService(ITicketStore tickets, TicketSla sla, ITicketEvents events, ILogger<HandoffService> logger)
{
    public async Task<Ticket> InitiateAsync(TenantId tenantId, string conversationRef, HandoffRecord record, CancellationToken cancellationToken = default)
    {
        using var activity = HandoffTelemetry.Source.StartActivity("handoff.initiate");
        activity?.SetTag("handoff.reason", record.ReasonCode);
        var request = new NewTicket(tenantId, conversationRef, record.Channel, record.CustomerName, record.Level, record.Queue,
            record.Skills, record.ReasonCode, JsonSerializer.SerializeToElement(record, HandoffJson.Options), record.At);
        var transcript = record.Transcript
            .Select(entry => new NewTicketMessage(entry.Role == TranscriptRole.Customer ? MessageAuthor.Customer : MessageAuthor.Bot, null, entry.Text, entry.At))
            .ToList();
        var opened = await tickets.OpenAsync(sla.Start(request), transcript, cancellationToken);
        // Also for a retried handoff that found its ticket: the first try may have stopped before this line.
        await sla.ScheduleAsync(opened.Ticket, cancellationToken);
        if (opened.Created)
        {
            HandoffTelemetry.Handoffs.Add(1, new("reason", record.ReasonCode), new("level", record.Level.ToString()));
        }
        // Also when the ticket existed already: a retried handoff whose first try died before telling the desk.
        await events.OpenedAsync(opened.Ticket, cancellationToken);
        LogHandoff(tenantId.Value, opened.Ticket.Id.Value, record.ReasonCode, record.Level.ToString(), opened.Created);
        return opened.Ticket;
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information,
        Message = "Handoff for tenant {TenantId}: ticket {TicketId}, reason {Reason}, level {Level}, new ticket {Created}")]
    private partial void LogHandoff(string tenantId, long ticketId, string reason, string level, bool created);
}
