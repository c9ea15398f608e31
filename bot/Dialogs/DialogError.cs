namespace Atendimento.Bot.Dialogs;

/// <summary>A mistake in a dialog file, reported the way compilers do so editors can jump to it.</summary>
public sealed record DialogError(string File, int Line, string Message)
{
    public override string ToString() => $"{File}:{Line}: {Message}";
}

public sealed class DialogValidationException(IReadOnlyList<DialogError> errors)
    : Exception("The dialogs are invalid:\n" + string.Join('\n', errors))
{
    public IReadOnlyList<DialogError> Errors { get; } = errors;
}
