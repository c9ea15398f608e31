using Atendimento.Routing.Tickets;

namespace Atendimento.Bot.Dialogs.Transcripts;

/// <summary>
/// A transcript test from <c>dialogs/tests/*.yaml</c>: what the customer says, turn by turn, and what the bot must
/// answer. <see cref="At"/> is the fixed clock the conversation runs on.
/// </summary>
public sealed record Transcript(string Name, string File, int Line, DateTimeOffset At, IReadOnlyList<TranscriptTurn> Turns)
{
    /// <summary>A Wednesday afternoon in São Paulo: inside the default business hours and on no holiday.</summary>
    public static readonly DateTimeOffset DefaultAt = new(2026, 11, 18, 14, 0, 0, TimeSpan.FromHours(-3));
}

/// <summary>
/// One turn: the customer's message (or joining, for the greeting), the replies expected in order, and the
/// handoff expected, if the turn should end in one.
/// </summary>
public sealed record TranscriptTurn(int Line, string? User, bool Join, IReadOnlyList<ExpectedReply> Bot, ExpectedHandoff? Handoff);

/// <summary>A reply's text; <see cref="Choices"/> null means the buttons are not checked, empty means there must be none.</summary>
public sealed record ExpectedReply(string Text, IReadOnlyList<string>? Choices);

/// <summary>The handoff a turn must end in; a null field is not checked.</summary>
public sealed record ExpectedHandoff(string Reason, SupportLevel? Level, string? Queue);

/// <summary>How one transcript ran: passed, or the first difference found and the turn's line.</summary>
public sealed record TranscriptResult(Transcript Transcript, string? FirstDifference)
{
    public bool Passed => FirstDifference is null;
}
