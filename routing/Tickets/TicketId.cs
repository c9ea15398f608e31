namespace Atendimento.Routing.Tickets;

/// <summary>A ticket's number; customers see it as their protocol number.</summary>
public readonly record struct TicketId(long Value)
{
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
