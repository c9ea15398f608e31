namespace Atendimento.Bot.Recognition.Trained;

/// <summary>
/// What to train: one logistic regression per feature view, averaged in probability space when there are several.
/// The defaults are the configuration chosen by cross-validation on banking77's training file (docs/decisions/0013):
/// four one-hidden-layer perceptrons trained with label smoothing, two (different seeds) on words + characters and
/// two on words + word pairs + characters.
/// </summary>
public sealed record TrainedRecognizerOptions
{
    public static TrainerOptions LogisticRegression { get; } = new();

    /// <summary>
    /// Label smoothing 0.3 keeps the network from driving its training examples to certainty; on banking77 it raised
    /// a single perceptron's cross-validated accuracy by about a point (docs/decisions/0013).
    /// </summary>
    public static TrainerOptions Perceptron { get; } = new() { HiddenUnits = 256, LearningRate = 0.3f, Epochs = 10, LabelSmoothing = 0.3f };

    public static FeatureOptions WordsPairsAndChars { get; } = FeatureOptions.WordsAndChars with { WordPairWindow = 3 };

    /// <summary>A single logistic regression on words 1-2 and characters 2-5 (the reference baseline).</summary>
    public static TrainedRecognizerOptions SingleLogisticRegression { get; } = new() { Views = [FeatureOptions.WordsAndChars], Trainers = [] };

    public IReadOnlyList<FeatureOptions> Views { get; init; } =
        [FeatureOptions.WordsAndChars, WordsPairsAndChars, FeatureOptions.WordsAndChars, WordsPairsAndChars];

    /// <summary>The trainer for views without an entry in <see cref="Trainers"/>.</summary>
    public TrainerOptions Trainer { get; init; } = LogisticRegression;

    /// <summary>Per-view trainers, by position; views beyond this list use <see cref="Trainer"/>.</summary>
    public IReadOnlyList<TrainerOptions> Trainers { get; init; } = [Perceptron, Perceptron, Perceptron, Perceptron];

    /// <summary>How many ranked intents <see cref="TrainedIntentRecognizer.Recognize"/> returns.</summary>
    public int MaxCandidates { get; init; } = 5;

    public override string ToString() => string.Join(" + ", Views.Select((view, v) => $"[{view}; {(Trainers.Count > v ? Trainers[v] : Trainer)}]"));
}
