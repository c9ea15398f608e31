namespace Atendimento.Bot.Channels.BotFramework;

public sealed class EmulatorOptions
{
    public const string Section = "Emulator";

    /// <summary>Serves POST /api/messages for the Bot Framework Emulator.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The tenant whose dialogs the Emulator talks to.</summary>
    public string TenantId { get; set; } = "default";

    /// <summary>
    /// Hosts the bot may POST replies to. The Emulator listens on localhost; accepting any serviceUrl would let
    /// a caller make this server send requests anywhere.
    /// </summary>
    /// <remarks>Configured hosts replace the loopback defaults (a bound list would otherwise only append to them).</remarks>
    public List<string> AllowedServiceUrlHosts { get; set; } = [];

    public IReadOnlyList<string> EffectiveServiceUrlHosts => AllowedServiceUrlHosts.Count > 0 ? AllowedServiceUrlHosts : ["localhost", "127.0.0.1", "[::1]"];
}
