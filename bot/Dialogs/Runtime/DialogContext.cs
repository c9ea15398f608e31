using Atendimento.Bot.Dialogs.Http;
using Microsoft.Extensions.Logging;

namespace Atendimento.Bot.Dialogs.Runtime;

/// <summary>
/// One turn's view of the dialogs: owns the stack (kept in <see cref="State"/>, so it is saved with the
/// conversation), collects the replies and a handoff, and starts, continues, ends and cancels dialogs.
/// </summary>
internal sealed class DialogContext(DialogState state, BotDefinition definition, IDialogActions actions, ILogger logger)
{
    public DialogState State { get; set; } = state;
    public BotDefinition Definition { get; } = definition;
    public IDialogActions Actions { get; } = actions;
    public ILogger Logger { get; } = logger;
    public List<BotReply> Replies { get; } = [];
    /// <summary>A person should take over: a dialog's handoff step, or the triage giving up.</summary>
    public HandoffDecision? Handoff { get; set; }

    public DialogFrame? ActiveFrame => State.Stack.Count > 0 ? State.Stack[^1] : null;

    public void Say(string text, IReadOnlyList<string>? choices = null) => Replies.Add(new BotReply(Fill(text), choices));

    /// <summary>Replaces {variable} placeholders with what the dialogs collected.</summary>
    public string Fill(string text) => Placeholders.Fill(text, State.Values);

    public BotTurn ToTurn() => new(State, Replies, Handoff);

    public void ReplaceActiveFrame(DialogFrame frame) => State = State with { Stack = [.. State.Stack.SkipLast(1), frame] };

    public Task<DialogTurnResult> BeginDialogAsync(string intent, CancellationToken cancellationToken = default)
    {
        var dialog = Find(intent) ?? throw new InvalidOperationException($"No dialog for intent '{intent}'.");
        State = State with { Stack = [.. State.Stack, new DialogFrame(intent, dialog.Version, [0])] };
        return dialog.BeginAsync(this, cancellationToken);
    }

    /// <summary>Feeds the message to the innermost waiting dialog; null when none waits or its intent no longer exists.</summary>
    public async Task<DialogTurnResult?> ContinueDialogAsync(string input, CancellationToken cancellationToken = default)
    {
        if (ActiveFrame is not { } frame)
        {
            return null;
        }
        if (Find(frame.Intent) is not { } dialog)
        {
            // The intent was removed from the dialogs folder: nothing to continue, the message is a new subject.
            DialogLog.Vanished(Logger, frame.Intent);
            CancelAllDialogs();
            return null;
        }
        return await dialog.ContinueAsync(this, input, cancellationToken);
    }

    /// <summary>The active dialog is done: pop it and wake the one that started it, if any.</summary>
    public async Task<DialogTurnResult> EndDialogAsync(CancellationToken cancellationToken = default)
    {
        State = State with { Stack = [.. State.Stack.SkipLast(1)] };
        if (ActiveFrame is not { } parent)
        {
            return DialogTurnResult.Complete;
        }
        return Find(parent.Intent) is { } dialog
            ? await dialog.ResumeAsync(this, DialogTurnResult.Complete, cancellationToken)
            : CancelAllDialogs();
    }

    /// <summary>Ends every dialog on the stack, recording <paramref name="handoff"/> when a person should take over.</summary>
    public DialogTurnResult CancelAllDialogs(HandoffDecision? handoff = null)
    {
        State = State.Idle();
        Handoff = handoff ?? Handoff;
        return new DialogTurnResult(DialogTurnStatus.Cancelled, handoff);
    }

    /// <summary>Asks the innermost dialog's waiting question again, as first asked; false when it no longer exists.</summary>
    public bool RepromptDialog() => ActiveFrame is { } frame && Find(frame.Intent) is { } dialog && dialog.Reprompt(this);

    private IntentDialog? Find(string intent) => Definition.Find(intent) is { } found ? new IntentDialog(found) : null;
}
