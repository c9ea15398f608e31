namespace Atendimento.Routing.Tickets;

internal static class TicketFactory
{
    public static Ticket Create(TicketId id, NewTicket request) => new()
    {
        Id = id,
        TenantId = request.TenantId,
        Status = TicketStatus.Open,
        Level = request.Level,
        Queue = request.Queue,
        Skills = request.Skills,
        ConversationRef = request.ConversationRef,
        Channel = request.Channel,
        CustomerName = request.CustomerName,
        ReasonCode = request.ReasonCode,
        Handoff = request.Handoff.Clone(),
        OpenedAt = request.OpenedAt,
        Version = 1,
    };
}
