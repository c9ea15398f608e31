using System.ComponentModel.DataAnnotations;

namespace Atendimento.Bot.Channels.WhatsApp;

/// <summary>The WhatsApp Cloud API channel: where the Graph API is and, per business phone number, its tenant and secrets.</summary>
public sealed class WhatsAppOptions : IValidatableObject
{
    public const string Section = "WhatsApp";

    [Required]
    [Url]
    public string GraphBaseUrl { get; set; } = "https://graph.facebook.com";

    /// <summary>The Graph API version in the path (specs §7); each version lives about two years.</summary>
    [Required]
    [RegularExpression(@"^v\d+\.\d+$")]
    public string GraphApiVersion { get; set; } = "v23.0";

    /// <summary>Webhook bodies above this are refused with 413 before the signature is checked.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxWebhookBytes { get; set; } = 1024 * 1024;

    /// <summary>How long a claimed inbox row is left to one processor before another may take it again.</summary>
    [Range(1, 3600)]
    public int InboxLeaseSeconds { get; set; } = 60;

    /// <summary>How often the inbox is checked when no webhook wakes the processor (crash recovery, other instances).</summary>
    [Range(50, 60_000)]
    public int InboxPollMilliseconds { get; set; } = 1000;

    /// <summary>An inbox row that failed this many times is set aside as a dead letter.</summary>
    [Range(1, 100)]
    public int InboxMaxAttempts { get; set; } = 5;

    /// <summary>How long handled message and status keys (and completed inbox rows) are kept; Meta redelivers for up to 7 days.</summary>
    [Range(1, 365)]
    public int HandledKeysDays { get; set; } = 8;

    /// <summary>Marks each customer message read (blue ticks) once the bot or the ticket has taken it.</summary>
    public bool MarkAsRead { get; set; } = true;

    /// <summary>How long one instance holds an outbound message it is sending; after that another may take it.</summary>
    [Range(10, 3600)]
    public int OutboxLeaseSeconds { get; set; } = 120;

    /// <summary>How often the outbox is checked for messages due for another try.</summary>
    [Range(50, 60_000)]
    public int OutboxPollMilliseconds { get; set; } = 1000;

    /// <summary>Sends per second per business number, shared through Redis when it is configured (Meta's default is 80).</summary>
    [Range(1, 1000)]
    public int MessagesPerSecond { get; set; } = 80;

    /// <summary>
    /// How far below <see cref="MessagesPerSecond"/> sends are paced. Meta counts what reaches it, after the network
    /// has delayed some sends and bunched them with later ones (and it counts inbound messages too); this slack keeps
    /// every second of Meta's count within the limit.
    /// </summary>
    [Range(0, 50)]
    public int PaceHeadroomPercent { get; set; } = 5;

    public double PacedMessagesPerSecond => MessagesPerSecond * (100 - PaceHeadroomPercent) / 100.0;

    public WhatsAppResilienceOptions Resilience { get; set; } = new();

    /// <summary>
    /// The key of the pseudonyms that stand for customers' numbers in conversation ids (<see cref="WhatsAppConversationIds"/>).
    /// Configuration only; changing it starts new conversations for every customer.
    /// </summary>
    public string ConversationIdKey { get; set; } = string.Empty;

    /// <summary>Templates sent instead of free text outside the 24-hour window, per number or per tenant.</summary>
    public List<WhatsAppTemplateOptions> WindowClosedTemplates { get; set; } = [];

    /// <summary>One entry per registered business phone number. Secrets come from configuration only.</summary>
    public List<WhatsAppNumberOptions> Numbers { get; set; } = [];

    public WhatsAppNumberOptions? Find(string phoneNumberId) =>
        Numbers.FirstOrDefault(n => string.Equals(n.PhoneNumberId, phoneNumberId, StringComparison.Ordinal));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var nested = new List<ValidationResult>();
        Validator.TryValidateObject(Resilience, new ValidationContext(Resilience), nested, validateAllProperties: true);
        foreach (var result in nested)
        {
            yield return result;
        }
        if (Numbers.Count > 0 && ConversationIdKey.Length < 32)
        {
            yield return new ValidationResult("WhatsApp:ConversationIdKey needs at least 32 characters when numbers are configured.");
        }
        foreach (var template in WindowClosedTemplates.Where(t => string.IsNullOrWhiteSpace(t.TenantId) || string.IsNullOrWhiteSpace(t.Name) || string.IsNullOrWhiteSpace(t.Language)))
        {
            yield return new ValidationResult($"WhatsApp template '{template.Name}' needs TenantId, Name and Language.");
        }
        foreach (var number in Numbers.Where(n => !n.IsComplete))
        {
            yield return new ValidationResult($"WhatsApp number '{number.PhoneNumberId}' needs TenantId, PhoneNumberId, VerifyToken, AppSecret and AccessToken.");
        }
        foreach (var duplicate in Numbers.GroupBy(n => n.PhoneNumberId, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            yield return new ValidationResult($"WhatsApp number '{duplicate.Key}' is configured more than once.");
        }
    }
}

public sealed class WhatsAppNumberOptions
{
    public string TenantId { get; set; } = string.Empty;

    /// <summary>The Graph API id of the business phone number (not the number itself, not the WABA id).</summary>
    public string PhoneNumberId { get; set; } = string.Empty;

    /// <summary>The token typed into the App Dashboard for the verification GET.</summary>
    public string VerifyToken { get; set; } = string.Empty;

    /// <summary>The Meta app's secret, the key of X-Hub-Signature-256.</summary>
    public string AppSecret { get; set; } = string.Empty;

    /// <summary>The system-user token sent as Bearer to the Graph API.</summary>
    public string AccessToken { get; set; } = string.Empty;

    internal bool IsComplete => new[] { TenantId, PhoneNumberId, VerifyToken, AppSecret, AccessToken }.All(v => !string.IsNullOrWhiteSpace(v));
}
