using System.Diagnostics;
using Atendimento.Bot.Recognition.Trained;

namespace Atendimento.Bot.Recognition.Evaluation;

public sealed record EvaluationSettings
{
    public TrainedRecognizerOptions Recognizer { get; init; } = new();

    /// <summary>Rows with this intent are out-of-scope examples: never trained on, used to pick and test rejection.</summary>
    public string? OutOfScopeLabel { get; init; }

    /// <summary>Share of train carved out (stratified) for calibration and thresholds when no validation file is given.</summary>
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>Without out-of-scope validation examples, the threshold rejects at most this share of in-scope ones.</summary>
    public double MaxInScopeRejection { get; init; } = 0.01;

    public int Seed { get; init; } = 42;
}

/// <summary>
/// Trains, calibrates and tests the recognizer. Temperature and threshold are chosen on validation data only; the
/// test rows are touched once, by <see cref="Score"/>, after everything is fixed. Without a validation set, a
/// stratified share of train is held out to choose them, and the final model is retrained on all of train with the
/// same settings.
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
        var source = validation is null ? $"{settings.ValidationFraction:P0} of train, stratified, seed {settings.Seed}" : "validation file";
        var (fitRows, validationRows) = validation is null
            ? StratifiedSplit.Split(train, settings.ValidationFraction, random)
            : (train, validation);
        var stopwatch = Stopwatch.StartNew();
        var model = TrainedIntentRecognizer.Train(InScope(fitRows, settings.OutOfScopeLabel), settings.Recognizer, random);
        var summary = Calibrate(model, validationRows, settings, source);
        if (validation is null)
        {
            stopwatch.Restart();
            model = TrainedIntentRecognizer.Train(InScope(train, settings.OutOfScopeLabel), settings.Recognizer, random);
        }
        var seconds = stopwatch.Elapsed.TotalSeconds;
        return (model.WithTemperature(summary.Temperature), summary, seconds, InScope(train, settings.OutOfScopeLabel).Count);
    }

    public static ValidationSummary Calibrate(TrainedIntentRecognizer model, IReadOnlyList<LabelledExample> validation, EvaluationSettings settings, string source)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(settings);
        var known = model.Intents.Select((intent, k) => (intent, k)).ToDictionary(p => p.intent, p => p.k, StringComparer.Ordinal);
        var inScope = validation.Where(e => known.ContainsKey(e.Intent)).ToList();
        var raw = inScope.Select(e => Raw(model, e.Text)).ToList();
        var labels = inScope.Select(e => known[e.Intent]).ToList();
        var temperature = TemperatureScaling.Fit(raw, labels);
        var calibrated = model.WithTemperature(temperature);
        var inScopeScores = inScope.Select(e => Predict(calibrated, e.Text)).Select((p, i) => (p.Top, Correct: p.Intent == inScope[i].Intent)).ToList();
        var outOfScope = validation.Where(e => IsOutOfScope(e, settings.OutOfScopeLabel)).Select(e => Predict(calibrated, e.Text).Top).ToList();
        var threshold = outOfScope.Count == 0
            ? RejectionThreshold.ForInScopeRejectionRate(inScopeScores.Select(p => p.Top).ToList(), settings.MaxInScopeRejection)
            : RejectionThreshold.MaximiseBalancedAccuracy(inScopeScores, outOfScope);
        return new ValidationSummary(source, validation.Count, outOfScope.Count,
            ClassificationMetrics.Ratio(inScopeScores.Count(p => p.Correct), inScope.Count),
            ClassificationMetrics.Ratio(inScopeScores.Count(p => p.Correct && !threshold.Rejects(p.Top)), inScope.Count), temperature,
            TemperatureScaling.NegativeLogLikelihood(raw, labels, 1.0), TemperatureScaling.NegativeLogLikelihood(raw, labels, temperature), threshold);
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

    private static float[] Raw(TrainedIntentRecognizer model, string text)
    {
        var probabilities = new float[model.Intents.Count];
        model.UncalibratedProbabilities(text, probabilities);
        return probabilities;
    }

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
