namespace Atendimento.Bot.WebChat;

public sealed class WebChatOptions
{
    public const string Section = "WebChat";

    /// <summary>The tenant whose Direct Line secret the page's token endpoint uses.</summary>
    public string TenantId { get; set; } = "default";

    /// <summary>
    /// A local copy of botframework-webchat's dist/webchat.js (test.sh fetches 4.18.1 into .cache/webchat/).
    /// When it is missing the page loads the same version from Microsoft's CDN.
    /// </summary>
    public string? ScriptPath { get; set; }

    /// <summary>New conversations one client address may open per minute through the page's token endpoint.</summary>
    public int TokensPerMinutePerAddress { get; set; } = 20;

    public string CdnUrl { get; set; } = "https://cdn.botframework.com/botframework-webchat/4.18.1/webchat.js";
}
