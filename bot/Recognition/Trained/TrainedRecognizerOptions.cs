namespace Atendimento.Bot.Recognition.Trained;

/// <summary>
/// What to train: one logistic regression per feature view, averaged in probability space when there are several.
/// The defaults are the configuration chosen on a banking77 validation split (docs/decisions/0013).
/// </summary>
public sealed record TrainedRecognizerOptions
{
    public IReadOnlyList<FeatureOptions> Views { get; init; } = [FeatureOptions.WordsAndChars];

    public TrainerOptions Trainer { get; init; } = new();

    /// <summary>Per-view trainers, by position; views beyond this list use <see cref="Trainer"/>.</summary>
    public IReadOnlyList<TrainerOptions> Trainers { get; init; } = [];

    /// <summary>How many ranked intents <see cref="TrainedIntentRecognizer.Recognize"/> returns.</summary>
    public int MaxCandidates { get; init; } = 5;

    public override string ToString() => string.Join(" + ", Views.Select((view, v) => $"[{view}; {(Trainers.Count > v ? Trainers[v] : Trainer)}]"));
}
