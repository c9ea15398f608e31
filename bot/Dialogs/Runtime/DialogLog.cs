using Microsoft.Extensions.Logging;

namespace Atendimento.Bot.Dialogs.Runtime;

/// <summary>The dialog runtime's log events (4400-4419). Intents, versions and backends only: never what customers wrote.</summary>
internal static partial class DialogLog
{
    [LoggerMessage(EventId = 4400, Level = LogLevel.Information, Message = "Dialog {Intent} changed under a waiting conversation (version {StoredVersion} -> {CurrentVersion}); it starts again from its first step")]
    public static partial void Restarted(ILogger logger, string intent, string storedVersion, string currentVersion);

    [LoggerMessage(EventId = 4407, Level = LogLevel.Information, Message = "Dialog {Intent} changed under a waiting conversation (version {StoredVersion} -> {CurrentVersion}); the waiting step moved and the conversation follows it")]
    public static partial void Relocated(ILogger logger, string intent, string storedVersion, string currentVersion);

    [LoggerMessage(EventId = 4401, Level = LogLevel.Information, Message = "A waiting conversation's dialog {Intent} no longer exists; its message is triaged as a new subject")]
    public static partial void Vanished(ILogger logger, string intent);
}
