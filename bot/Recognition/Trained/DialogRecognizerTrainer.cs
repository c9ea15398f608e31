using Atendimento.Bot.Recognition.Evaluation;

namespace Atendimento.Bot.Recognition.Trained;

/// <summary>Builds the recognizer for a set of dialogs from their examples, at start-up (and on every reload).</summary>
public interface IIntentRecognizerFactory
{
    IIntentRecognizer Create(IReadOnlyDictionary<string, IReadOnlyList<string>> examplesByIntent);
}

/// <summary>
/// Trains the bot's recognizer on the dialogs' examples: the default ensemble, a fixed seed (the same files always
/// give the same model), and a temperature fitted on 5-fold out-of-fold predictions over those examples, so the
/// thresholds in bot.yaml apply to calibrated probabilities. <c>dialogs tune --dialogs</c> chooses those
/// thresholds on exactly the predictions this class makes.
/// </summary>
public sealed class DialogRecognizerTrainer : IIntentRecognizerFactory
{
    public const int Seed = 42;
    public const int Folds = 5;

    public static TrainedRecognizerOptions Options { get; } = new();

    public IIntentRecognizer Create(IReadOnlyDictionary<string, IReadOnlyList<string>> examplesByIntent) => Train(Examples(examplesByIntent)).Model;

    /// <summary>
    /// The calibrated model, and the out-of-fold predictions its temperature was fitted on; <paramref name="outOfScope"/>
    /// messages (tuning only) are predicted by the fold models too and play no part in the model or its temperature.
    /// </summary>
    public static (TrainedIntentRecognizer Model, IReadOnlyList<FoldPrediction> OutOfFold) Train(
        IReadOnlyList<LabelledExample> examples, IReadOnlyList<LabelledExample>? outOfScope = null)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var random = new Random(Seed);
        var outOfFold = CrossValidation.Predict(examples, Options, Folds, holdOutIntents: false, random, outOfScope);
        var inScope = outOfFold.Where(p => p.Label >= 0).ToList();
        var temperature = TemperatureScaling.Fit(inScope.Select(p => p.Raw).ToList(), inScope.Select(p => p.Label).ToList());
        var model = TrainedIntentRecognizer.Train(examples, Options, random).WithTemperature(temperature);
        return (model, outOfFold);
    }

    public static List<LabelledExample> Examples(IReadOnlyDictionary<string, IReadOnlyList<string>> examplesByIntent)
    {
        ArgumentNullException.ThrowIfNull(examplesByIntent);
        return examplesByIntent.OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .SelectMany(pair => pair.Value.Select(text => new LabelledExample(text, pair.Key))).ToList();
    }
}
