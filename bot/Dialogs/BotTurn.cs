using Atendimento.Routing.Tickets;

namespace Atendimento.Bot.Dialogs;

/// <summary>A message from the bot; <see cref="Choices"/> become buttons or suggested actions on the channel.</summary>
public sealed record BotReply(string Text, IReadOnlyList<string>? Choices = null);

/// <summary>The bot decided a human should take over, and why.</summary>
public sealed record HandoffDecision(string Reason, SupportLevel Level, string Queue, IReadOnlyList<string> Skills, string? Intent, double? Confidence);

/// <summary>
/// What one turn produced: the new dialog state, the replies, and possibly a handoff. <see cref="CompletedIntent"/>
/// names the dialog the turn ran to its end without a handoff (the bot resolved it), if any.
/// </summary>
public sealed record BotTurn(DialogState State, IReadOnlyList<BotReply> Replies, HandoffDecision? Handoff, string? CompletedIntent = null);
