namespace Atendimento.Bot.Dialogs;

/// <summary>
/// What the bot does when it asked the customer something and heard nothing back (<c>idleTimeout</c> in bot.yaml):
/// at each of <see cref="MenuAfter"/> it sends the menu "1 continuar / 2 atendente / 3 encerrar", and at
/// <see cref="CloseAfter"/> (when set) it ends the dialog with <see cref="Closed"/>. Times count from the bot's
/// last question, so a reminder never resets the silence it measures.
/// </summary>
public sealed record InactivityPolicy(
    IReadOnlyList<TimeSpan> MenuAfter,
    TimeSpan? CloseAfter,
    string Prompt,
    InactivityOptions Options,
    string Goodbye,
    string Closed,
    HandoffStep Handoff)
{
    /// <summary>When the next reminder (or the close) is due, counting from the question; null when nothing is left to do.</summary>
    public TimeSpan? Next(int remindersSent) => remindersSent < MenuAfter.Count ? MenuAfter[remindersSent] : remindersSent == MenuAfter.Count ? CloseAfter : null;
}

/// <summary>The menu's three titles, in the order the numbers 1, 2 and 3 pick them.</summary>
public sealed record InactivityOptions(string Continue, string Agent, string Close)
{
    public IReadOnlyList<string> Titles => [Continue, Agent, Close];
}
