namespace Atendimento.Routing.Tickets;

internal static class TicketFactory
{
    public static Ticket Create(TicketId id, NewTicket request) => new()
    {
        Id = id,
        TenantId = request.TenantId,
        Status = TicketStatus.Open,
        Priority = request.Priority,
        Level = request.Level,
        Queue = request.Queue,
        Skills = request.Skills,
        ConversationRef = request.ConversationRef,
        CustomerRef = request.CustomerRef ?? request.ConversationRef,
        Channel = request.Channel,
        CustomerName = request.CustomerName,
        ReasonCode = request.ReasonCode,
        Handoff = request.Handoff.Clone(),
        OpenedAt = request.OpenedAt,
        FirstResponseDueAt = request.FirstResponseDueAt,
        ResolutionDueAt = request.ResolutionDueAt,
        FirstResponseClock = request.FirstResponseClock,
        ResolutionClock = request.ResolutionClock,
        Version = 1,
    };
}
