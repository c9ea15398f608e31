using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Agents;
using Atendimento.Routing.Tickets;

namespace Atendimento.Routing.Tests.Tickets;

/// <summary>Agents of tenant "acme" (the <see cref="TicketBuilder"/> default), one per level.</summary>
internal static class Agents
{
    public static readonly TenantId Acme = new("acme");
    public static readonly Agent Ana = new(Acme, "ana", "Ana Souza", SupportLevel.N2, ["internet"], 3);
    public static readonly Agent Bruno = new(Acme, "bruno", "Bruno Lima", SupportLevel.N2, ["internet"], 3);
    public static readonly Agent Carla = new(Acme, "carla", "Carla Mendes", SupportLevel.N3, ["ouvidoria"], 2);
    public static readonly Agent Davi = new(Acme, "davi", "Davi Rocha", SupportLevel.N1, ["geral"], 4);
}
