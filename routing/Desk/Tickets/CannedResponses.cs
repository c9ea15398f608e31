using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Tickets;

namespace Atendimento.Routing.Desk.Tickets;

/// <summary>A ready answer an agent picks from the reply box; <see cref="Text"/> may hold placeholders (<see cref="CannedResponses"/>).</summary>
public sealed record CannedResponse(string Title, string Text);

/// <summary>
/// <c>Desk:CannedResponses:&lt;tenant&gt;</c>: each tenant's list of canned responses, in configuration (a list per
/// tenant id). A tenant without a list gets none.
/// </summary>
public sealed class CannedResponseOptions
{
    public const string Section = "Desk:CannedResponses";

    public Dictionary<string, List<CannedResponse>> Tenants { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<CannedResponse> For(TenantId tenant) => Tenants.TryGetValue(tenant.Value, out var list) ? list : [];
}

/// <summary>Fills the placeholders of a canned response for one ticket.</summary>
public static class CannedResponses
{
    /// <summary>
    /// <c>{nome}</c>: the customer's first name (or "cliente" when the bot did not learn it); <c>{agente}</c>: the
    /// agent's name; <c>{protocolo}</c>: the ticket's number. Anything else in braces stays as written.
    /// </summary>
    public static string Fill(string text, Ticket ticket, string? agentName) => text
        .Replace("{nome}", FirstName(ticket.CustomerName) ?? "cliente", StringComparison.Ordinal)
        .Replace("{agente}", agentName ?? "", StringComparison.Ordinal)
        .Replace("{protocolo}", ticket.Id.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private static string? FirstName(string? name) =>
        string.IsNullOrWhiteSpace(name) ? null : name.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
}
