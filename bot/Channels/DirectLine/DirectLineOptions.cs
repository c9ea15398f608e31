using System.ComponentModel.DataAnnotations;

namespace Atendimento.Bot.Channels.DirectLine;

public sealed class DirectLineOptions : IValidatableObject
{
    public const string Section = "DirectLine";

    /// <summary>HMAC key for conversation tokens; configuration only, never code (development has a documented one).</summary>
    [Required]
    [MinLength(32)]
    public string TokenSigningKey { get; set; } = string.Empty;

    [Range(60, 86_400)]
    public int TokenLifetimeSeconds { get; set; } = 1800;

    /// <summary>How often an idle stream gets an empty keep-alive frame.</summary>
    [Range(1, 300)]
    public int HeartbeatSeconds { get; set; } = 15;

    /// <summary>Direct Line's own limit is 256K characters per serialised activity.</summary>
    [Range(1024, 4 * 1024 * 1024)]
    public int MaxActivityBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// The address clients reach this service at, e.g. https://chat.example.com, used to build stream URLs. Needed
    /// behind a proxy that terminates TLS or rewrites the host; without it the request's own scheme and host are used.
    /// </summary>
    [Url]
    public string? PublicBaseUrl { get; set; }

    public string BotId { get; set; } = "atendimento-bot";

    public string BotName { get; set; } = "Lia";

    /// <summary>One secret per tenant; a secret is a master key for that tenant's conversations.</summary>
    public List<DirectLineTenantOptions> Tenants { get; set; } = [];

    /// <summary>Origins whose pages may call Direct Line from the browser (CORS). The host's own page needs none.</summary>
    public List<string> AllowedOrigins { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var tenant in Tenants.Where(t => string.IsNullOrWhiteSpace(t.TenantId) || t.Secret.Length < 16))
        {
            yield return new ValidationResult($"Direct Line tenant '{tenant.TenantId}' needs an id and a secret of at least 16 characters.");
        }
    }
}

public sealed class DirectLineTenantOptions
{
    public string TenantId { get; set; } = string.Empty;

    public string Secret { get; set; } = string.Empty;
}
