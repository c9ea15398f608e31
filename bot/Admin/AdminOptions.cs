using System.ComponentModel.DataAnnotations;

namespace Atendimento.Bot.Admin;

/// <summary>Who may call the admin API: keys from configuration, stored as SHA-256 hashes so the file never holds a key.</summary>
public sealed class AdminOptions : IValidatableObject
{
    public const string Section = "Admin";

    public List<AdminKeyOptions> ApiKeys { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        ApiKeys.Where(k => string.IsNullOrWhiteSpace(k.Name) || k.KeySha256.Length != 64 || !k.KeySha256.All(Uri.IsHexDigit))
            .Select(k => new ValidationResult($"Admin key '{k.Name}' needs a Name and KeySha256 (64 hex digits: the SHA-256 of the key)."));
}

public sealed class AdminKeyOptions
{
    /// <summary>Who holds the key: written into the audit of what they did.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Lower- or upper-case hex SHA-256 of the key's UTF-8 bytes (<c>printf %s KEY | sha256sum</c>).</summary>
    public string KeySha256 { get; set; } = string.Empty;

    /// <summary>The one tenant this key may act on; empty for every tenant.</summary>
    public string? TenantId { get; set; }
}
