using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Tickets;

namespace Atendimento.Routing.Agents;

/// <summary>A human who answers tickets: the level they serve, their skills and how many conversations they hold at once.</summary>
public sealed record Agent(TenantId TenantId, string Id, string Name, SupportLevel Level, IReadOnlyList<string> Skills, int Capacity);
