namespace Atendimento.Bot.Dialogs.Runtime;

/// <summary>
/// A dialog on the stack a <see cref="DialogContext"/> owns (after BotBuilder's contract). Begin runs it from its
/// start, Continue feeds it the customer's message while it waits, Resume wakes it when a dialog it started ends.
/// </summary>
internal abstract class Dialog(string id)
{
    public string Id { get; } = id;

    /// <summary>The version recorded in the frame, so a later turn can tell the definition changed under it.</summary>
    public abstract string Version { get; }

    public abstract Task<DialogTurnResult> BeginAsync(DialogContext context, CancellationToken cancellationToken = default);

    public abstract Task<DialogTurnResult> ContinueAsync(DialogContext context, string input, CancellationToken cancellationToken = default);

    /// <summary>Says the waiting question again (after the inactivity menu's "continuar"); false when there is none.</summary>
    public abstract bool Reprompt(DialogContext context);

    public abstract Task<DialogTurnResult> ResumeAsync(DialogContext context, DialogTurnResult childResult, CancellationToken cancellationToken = default);
}

public enum DialogTurnStatus
{
    /// <summary>A step asked something and the dialog waits for the customer.</summary>
    Waiting,

    /// <summary>The dialogs ran out of steps.</summary>
    Complete,

    /// <summary>The dialogs were ended early: a handoff (see <see cref="DialogTurnResult.Result"/>) or an answer the customer could not give.</summary>
    Cancelled,
}

/// <summary>What a dialog turn came to; <see cref="Result"/> is the handoff that cancelled the dialogs, if one did.</summary>
public sealed record DialogTurnResult(DialogTurnStatus Status, HandoffDecision? Result = null)
{
    public static readonly DialogTurnResult Waiting = new(DialogTurnStatus.Waiting);
    public static readonly DialogTurnResult Complete = new(DialogTurnStatus.Complete);
}
