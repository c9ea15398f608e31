using System.Text.Json.Nodes;

namespace Atendimento.Bot.Channels.WhatsApp;

/// <summary>One delivery update for a message we sent (specs §3.1); the dedupe key is (wamid, status).</summary>
public sealed record StatusUpdate(string Wamid, string Status, DeliveryState State, int? ErrorCode, DateTimeOffset? At)
{
    public string Key => $"status:{Wamid}:{Status}";
}

public static class InboundStatuses
{
    /// <summary>Statuses we track; others ("played", and whatever comes next) are skipped.</summary>
    public static IReadOnlyList<StatusUpdate> Read(JsonObject value) =>
        value.Objects("statuses")
            .Select(status => (Id: status.Str("id"), Name: status.Str("status"), Status: status))
            .Where(s => !string.IsNullOrEmpty(s.Id) && DeliveryStates.Parse(s.Name) is not null)
            .Select(s => new StatusUpdate(s.Id!, s.Name!, DeliveryStates.Parse(s.Name)!.Value,
                s.Status.Objects("errors").Select(e => e.Int("code")).FirstOrDefault(), s.Status.UnixSeconds("timestamp")))
            // Out-of-order delivery is normal (specs §3.1); applying them oldest first keeps the history sensible.
            .OrderBy(s => s.At)
            .ToList();

    /// <summary>System-level problems (<c>value.errors</c>, specs §3.3): only their codes, for the log.</summary>
    public static IReadOnlyList<int> SystemErrors(JsonObject value) =>
        value.Objects("errors").Select(e => e.Int("code") ?? -1).ToList();
}
