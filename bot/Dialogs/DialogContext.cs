namespace Atendimento.Bot.Dialogs;

/// <summary>The mutable scratch pad of one turn: the state as it evolves, the replies so far, a handoff if any.</summary>
internal sealed class DialogContext(DialogState state)
{
    public DialogState State { get; set; } = state;
    public List<BotReply> Replies { get; } = [];
    public HandoffDecision? Handoff { get; set; }

    public void Say(string text, IReadOnlyList<string>? choices = null) => Replies.Add(new BotReply(Fill(text), choices));

    /// <summary>Replaces {variable} placeholders with what the dialog collected.</summary>
    public string Fill(string text) =>
        StepReader.Placeholder().Replace(text, match => State.Values.GetValueOrDefault(match.Groups[1].Value, match.Value));

    public BotTurn ToTurn() => new(State, Replies, Handoff);
}
