using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Atendimento.Bot.Channels.WhatsApp;

/// <summary>
/// The approved template sent in place of free text once a customer's 24-hour window has closed (specs §6.3),
/// for one business number or, without <see cref="PhoneNumberId"/>, for every number of a tenant.
/// </summary>
public sealed class WhatsAppTemplateOptions
{
    [Required]
    public string TenantId { get; set; } = string.Empty;

    /// <summary>Empty: the tenant's default; a number's own template wins over it.</summary>
    public string? PhoneNumberId { get; set; }

    /// <summary>The template's name as approved in WhatsApp Manager.</summary>
    [Required]
    public string Name { get; set; } = string.Empty;

    /// <summary>The template's language code, e.g. <c>pt_BR</c>.</summary>
    [Required]
    public string Language { get; set; } = "pt_BR";

    /// <summary>The body's parameters in order; <c>{ticket}</c> is replaced by the conversation's ticket number.</summary>
    public List<string> BodyParameters { get; set; } = [];

    /// <summary>The parameters for one conversation; without a ticket, <c>{ticket}</c> becomes "-" (Meta refuses empty ones).</summary>
    public IReadOnlyList<string> ParametersFor(long? ticketId) =>
        BodyParameters.Select(p => p.Replace("{ticket}", ticketId?.ToString(CultureInfo.InvariantCulture) ?? "-", StringComparison.Ordinal)).ToList();
}

public static class WhatsAppTemplates
{
    /// <summary>The number's own window-closed template, else its tenant's, else none.</summary>
    public static WhatsAppTemplateOptions? WindowClosed(this WhatsAppOptions options, string tenantId, string phoneNumberId) =>
        options.WindowClosedTemplates.FirstOrDefault(t => t.TenantId == tenantId && t.PhoneNumberId == phoneNumberId)
        ?? options.WindowClosedTemplates.FirstOrDefault(t => t.TenantId == tenantId && string.IsNullOrEmpty(t.PhoneNumberId));
}
