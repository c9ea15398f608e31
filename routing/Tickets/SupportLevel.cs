namespace Atendimento.Routing.Tickets;

/// <summary>Support tiers: N1 first contact, N2 specialists, N3 the escalation desk (regulators, legal).</summary>
public enum SupportLevel
{
    N1 = 1,
    N2 = 2,
    N3 = 3,
}
