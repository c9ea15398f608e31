using Atendimento.Bot.Activities;

namespace Atendimento.Bot.Dialogs.Transcripts;

/// <summary>
/// Compares what the bot sent in one turn with what the transcript expects and names the first difference.
/// The notice that goes with a handoff (the policy's "transferindo... protocolo N" or the closed-hours message)
/// is the bot's, not the dialog's: it is checked through <c>handoff:</c>, not listed among the replies.
/// </summary>
internal static class TurnComparer
{
    public static string? FirstDifference(TranscriptTurn turn, IReadOnlyList<Activity> sent)
    {
        var handoff = sent.FirstOrDefault(a => a.Type == ActivityTypes.Event && a.Name == "handoff.initiate");
        var messages = sent.Where(a => a.Type == ActivityTypes.Message).ToList();
        if (handoff is not null && sent.Take(sent.ToList().IndexOf(handoff)).LastOrDefault(a => a.Type == ActivityTypes.Message) is { } notice)
        {
            messages.Remove(notice);
        }
        return RepliesDifference(turn.Bot, messages) ?? HandoffDifference(turn.Handoff, handoff);
    }

    private static string? RepliesDifference(IReadOnlyList<ExpectedReply> expected, IReadOnlyList<Activity> messages)
    {
        for (var i = 0; i < Math.Max(expected.Count, messages.Count); i++)
        {
            if (i >= messages.Count)
            {
                return $"expected reply {i + 1} \"{expected[i].Text}\", but the bot said nothing more";
            }
            if (i >= expected.Count)
            {
                return $"unexpected reply {i + 1}: \"{messages[i].Text}\"";
            }
            if (messages[i].Text != expected[i].Text)
            {
                return $"reply {i + 1}: expected \"{expected[i].Text}\", got \"{messages[i].Text}\"";
            }
            var choices = messages[i].SuggestedActions?.Actions.Select(action => action.Title ?? "").ToList() ?? [];
            if (expected[i].Choices is { } wanted && !wanted.SequenceEqual(choices))
            {
                return $"reply {i + 1} choices: expected [{string.Join(", ", wanted)}], got [{string.Join(", ", choices)}]";
            }
        }
        return null;
    }

    private static string? HandoffDifference(ExpectedHandoff? expected, Activity? handoff)
    {
        var actual = handoff?.Value;
        var (reason, level, queue) = ((string?)actual?["reason"], (string?)actual?["level"], (string?)actual?["queue"]);
        return (expected, handoff) switch
        {
            (null, null) => null,
            (null, _) => $"unexpected handoff (reason {reason}, level {level}, queue {queue})",
            (_, null) => $"expected a handoff (reason {expected.Reason}), but there was none",
            _ when reason != expected.Reason => $"handoff reason: expected {expected.Reason}, got {reason}",
            _ when expected.Level is { } wanted && level != wanted.ToString() => $"handoff level: expected {wanted}, got {level}",
            _ when expected.Queue is { } wanted && queue != wanted => $"handoff queue: expected {wanted}, got {queue}",
            _ => null,
        };
    }
}
