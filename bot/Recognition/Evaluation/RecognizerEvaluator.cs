using System.Diagnostics;
using Atendimento.Bot.Recognition.Trained;

namespace Atendimento.Bot.Recognition.Evaluation;

public sealed record EvaluationSettings
{
    public TrainedRecognizerOptions Recognizer { get; init; } = new();

    /// <summary>Rows with this intent are out-of-scope examples: never trained on, used to pick and test rejection.</summary>
    public string? OutOfScopeLabel { get; init; }

    /// <summary>Without out-of-scope validation examples, the threshold rejects at most this share of in-scope ones.</summary>
    public double MaxInScopeRejection { get; init; } = 0.01;

    /// <summary>Folds of the cross-validation over train that chooses temperature and threshold when no validation file is given.</summary>
    public int Folds { get; init; } = 5;

    public int Seed { get; init; } = 42;
}

/// <summary>
/// Trains, calibrates and tests the recognizer. Temperature and threshold are chosen on validation data only; the
/// test rows are touched once, by <see cref="Score"/>, after everything is fixed. Without a validation set, they are
/// chosen on out-of-fold predictions of a k-fold cross-validation over train (<see cref="CrossValidation"/>), and
/// the model that is kept is trained on all of train with the same settings.
/// </summary>
public static class RecognizerEvaluator
{
    public static EvaluationReport Evaluate(IReadOnlyList<LabelledExample> train, IReadOnlyList<LabelledExample>? validation, IReadOnlyList<LabelledExample> test, EvaluationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(settings);
        var (model, summary, seconds, trainCount) = Fit(train, validation, settings);
        return new EvaluationReport(settings.Recognizer.ToString(), trainCount, model.Intents.Count, seconds, summary,
            Score(model, test, settings.OutOfScopeLabel, summary.Threshold));
    }

    /// <summary>The calibrated model and what validation chose, before any test data is seen.</summary>
    public static (TrainedIntentRecognizer Model, ValidationSummary Validation, double TrainingSeconds, int TrainCount) Fit(
        IReadOnlyList<LabelledExample> train, IReadOnlyList<LabelledExample>? validation, EvaluationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(settings);
        var random = new Random(settings.Seed);
        var inScopeTrain = InScope(train, settings.OutOfScopeLabel);
        var realOutOfScope = train.Where(e => IsOutOfScope(e, settings.OutOfScopeLabel)).ToList();
        ValidationSummary? summary = null;
        if (validation is null)
        {
            // Two passes: the in-scope predictions that fix T and the threshold come from models that know every
            // intent (as the final model does); a second pass holding out 1/K of the intents per fold only supplies
            // simulated out-of-scope rows, whose scores report what the threshold would catch.
            var source = $"{settings.Folds}-fold cross-validation over train (plus {settings.Folds} folds holding out 1/{settings.Folds} of the intents each for simulated out-of-scope), seed {settings.Seed}";
            var predictions = CrossValidation.Predict(inScopeTrain, settings.Recognizer, settings.Folds, holdOutIntents: false, random, realOutOfScope).ToList();
            predictions.AddRange(CrossValidation.Predict(inScopeTrain, settings.Recognizer, settings.Folds, holdOutIntents: true, random)
                .Where(p => p.Label == FoldPrediction.HeldOutIntent));
            summary = Calibrate(predictions, settings, source);
        }
        var stopwatch = Stopwatch.StartNew();
        var model = TrainedIntentRecognizer.Train(inScopeTrain, settings.Recognizer, random);
        var seconds = stopwatch.Elapsed.TotalSeconds;
        if (validation is not null)
        {
            summary = Calibrate(CrossValidation.PredictWith(model, validation, settings.OutOfScopeLabel), settings, "validation file");
        }
        return (model.WithTemperature(summary!.Temperature), summary, seconds, inScopeTrain.Count);
    }

    /// <summary>
    /// Chooses the temperature (NLL of the in-scope predictions) and the rejection threshold: with real out-of-scope
    /// rows, the balanced optimum; otherwise the highest threshold that wrongly rejects at most the in-scope budget,
    /// with the simulated out-of-scope rows (held-out intents) only reporting what that threshold catches.
    /// </summary>
    public static ValidationSummary Calibrate(IReadOnlyList<FoldPrediction> predictions, EvaluationSettings settings, string source)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(settings);
        var inScope = predictions.Where(p => p.Label >= 0).ToList();
        var raw = inScope.Select(p => p.Raw).ToList();
        var labels = inScope.Select(p => p.Label).ToList();
        var temperature = TemperatureScaling.Fit(raw, labels);
        var inScopeScores = inScope.Select(p => (Top: CalibratedTop(p.Raw, temperature), Correct: p.Predicted == p.Row.Intent)).ToList();
        var real = predictions.Where(p => p.Label == FoldPrediction.RealOutOfScope).Select(p => CalibratedTop(p.Raw, temperature)).ToList();
        var simulated = predictions.Where(p => p.Label == FoldPrediction.HeldOutIntent).Select(p => CalibratedTop(p.Raw, temperature)).ToList();
        var threshold = real.Count == 0
            ? RejectionThreshold.ForInScopeRejectionRate(inScopeScores.Select(p => p.Top).ToList(), settings.MaxInScopeRejection)
            : RejectionThreshold.MaximiseBalancedAccuracy(inScopeScores, real);
        var inScopeTops = inScopeScores.Select(p => p.Top).ToList();
        return new ValidationSummary(source, predictions.Count, real.Count,
            ClassificationMetrics.Ratio(inScopeScores.Count(p => p.Correct), inScope.Count),
            ClassificationMetrics.Ratio(inScopeScores.Count(p => p.Correct && !threshold.Rejects(p.Top)), inScope.Count), temperature,
            TemperatureScaling.NegativeLogLikelihood(raw, labels, 1.0), TemperatureScaling.NegativeLogLikelihood(raw, labels, temperature), threshold)
        {
            SimulatedOutOfScopeCount = simulated.Count,
            SimulatedOutOfScopeRecall = simulated.Count == 0 ? null : ClassificationMetrics.Ratio(simulated.Count(threshold.Rejects), simulated.Count),
            SimulatedOutOfScopeAuroc = simulated.Count == 0 ? null : ClassificationMetrics.Auroc(inScopeTops, simulated),
        };
    }

    private static double CalibratedTop(float[] raw, double temperature)
    {
        var copy = (float[])raw.Clone();
        TemperatureScaling.Apply(copy, temperature);
        return copy.Max();
    }

    /// <summary>Figures on a labelled set for a fixed model and threshold; rows with unknown intents count as in scope and wrong.</summary>
    public static SetMetrics Score(TrainedIntentRecognizer model, IReadOnlyList<LabelledExample> rows, string? outOfScopeLabel, RejectionThreshold threshold)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(threshold);
        var predictions = rows.Select(e => (Row: e, Prediction: Predict(model, e.Text), Oos: IsOutOfScope(e, outOfScopeLabel))).ToList();
        var inScope = predictions.Where(p => !p.Oos).ToList();
        var outOfScope = predictions.Where(p => p.Oos).ToList();
        var correctAccepted = inScope.Count(p => p.Prediction.Intent == p.Row.Intent && !threshold.Rejects(p.Prediction.Top));
        var correct = inScope.Count(p => p.Prediction.Intent == p.Row.Intent);
        var rejectedInScope = inScope.Count(p => threshold.Rejects(p.Prediction.Top));
        var confused = inScope.Where(p => p.Prediction.Intent != p.Row.Intent)
            .GroupBy(p => (p.Row.Intent, p.Prediction.Intent))
            .Select(g => new ConfusedPair(g.Key.Item1, g.Key.Item2, g.Count()))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Expected, StringComparer.Ordinal).ThenBy(c => c.Predicted, StringComparer.Ordinal)
            .Take(10).ToList();
        double? recall = null, precision = null, f1 = null, auroc = null;
        if (outOfScope.Count > 0)
        {
            var rejectedOos = outOfScope.Count(p => threshold.Rejects(p.Prediction.Top));
            recall = ClassificationMetrics.Ratio(rejectedOos, outOfScope.Count);
            precision = rejectedOos + rejectedInScope == 0 ? 0 : ClassificationMetrics.Ratio(rejectedOos, rejectedOos + rejectedInScope);
            f1 = ClassificationMetrics.F1(precision.Value, recall.Value);
            auroc = ClassificationMetrics.Auroc(inScope.Select(p => p.Prediction.Top).ToList(), outOfScope.Select(p => p.Prediction.Top).ToList());
        }
        return new SetMetrics(rows.Count, inScope.Count, outOfScope.Count,
            ClassificationMetrics.Ratio(correctAccepted, inScope.Count), ClassificationMetrics.Ratio(correct, inScope.Count),
            ClassificationMetrics.Ratio(rejectedInScope, inScope.Count), recall, precision, f1, auroc, confused);
    }

    private static bool IsOutOfScope(LabelledExample example, string? outOfScopeLabel) =>
        outOfScopeLabel is not null && string.Equals(example.Intent, outOfScopeLabel, StringComparison.Ordinal);

    private static List<LabelledExample> InScope(IReadOnlyList<LabelledExample> rows, string? outOfScopeLabel) =>
        rows.Where(e => !IsOutOfScope(e, outOfScopeLabel)).ToList();

    private static (string Intent, double Top) Predict(TrainedIntentRecognizer model, string text)
    {
        Span<float> probabilities = stackalloc float[model.Intents.Count];
        model.Probabilities(text, probabilities);
        var best = 0;
        for (var k = 1; k < probabilities.Length; k++)
        {
            best = probabilities[k] > probabilities[best] ? k : best;
        }
        return (model.Intents[best], probabilities[best]);
    }
}
