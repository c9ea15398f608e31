using Atendimento.Routing.Sla;

namespace Atendimento.Bot.Dialogs;

/// <summary>
/// When people are there to answer (the same calendar the SLA clocks use), and what the bot tells a customer
/// handed off outside it: the ticket still opens, and the customer hears honestly when to expect an answer.
/// </summary>
public sealed record BusinessHours(BusinessCalendar Calendar, string ClosedMessage)
{
    public bool IsOpen(DateTimeOffset instant) => Calendar.IsOpen(instant);
}
