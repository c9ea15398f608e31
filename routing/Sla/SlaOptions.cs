namespace Atendimento.Routing.Sla;

public sealed class SlaOptions
{
    public const string Section = "Sla";

    /// <summary>The share of a target after which the warning is raised.</summary>
    public double WarningFraction { get; set; } = 0.7;

    /// <summary>Where SLA events are POSTed (JSON, signed); none: only the agent feed gets them.</summary>
    public SlaWebhookOptions Webhook { get; set; } = new();
}

public sealed class SlaWebhookOptions
{
    public Uri? Url { get; set; }

    /// <summary>Signs each body (HMAC-SHA256, header <c>X-Atendimento-Signature: sha256=...</c>) so the receiver can trust it.</summary>
    public string? Secret { get; set; }
}
