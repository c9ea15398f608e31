using Atendimento.Bot.Recognition.Trained;

namespace Atendimento.Bot.Recognition.Evaluation;

/// <summary>
/// One prediction made by a model that never saw the row. <see cref="Label"/> is the row's class index in that
/// model's intents, or one of the negative markers for out-of-scope rows.
/// </summary>
public sealed record FoldPrediction(LabelledExample Row, float[] Raw, int Label, string Predicted, IReadOnlyList<string> Intents)
{
    /// <summary>The intents best first with their probabilities at <paramref name="temperature"/>.</summary>
    public IReadOnlyList<IntentScore> Ranked(double temperature, int count)
    {
        var calibrated = (float[])Raw.Clone();
        TemperatureScaling.Apply(calibrated, temperature);
        return Enumerable.Range(0, calibrated.Length).OrderByDescending(k => calibrated[k]).ThenBy(k => k)
            .Take(count).Select(k => new IntentScore(Intents[k], calibrated[k])).ToList();
    }

    /// <summary><see cref="Label"/> of a row whose intent the model was not trained on (simulated out of scope).</summary>
    public const int HeldOutIntent = -1;

    /// <summary><see cref="Label"/> of a row marked out of scope in the data.</summary>
    public const int RealOutOfScope = -2;
}

/// <summary>
/// K-fold cross-validation over a training set, so choices rest on every row rather than on one small split.
/// With <c>holdOutIntents</c>, fold f's model also never sees a 1/K share of the intents; their rows come back as
/// simulated out-of-scope messages, which look far more like real ones than any single file we could write.
/// </summary>
public static class CrossValidation
{
    /// <summary>The fold of every row: each intent's rows are shuffled and dealt round-robin, so folds are stratified.</summary>
    public static int[] StratifiedFolds(IReadOnlyList<LabelledExample> rows, int folds, Random random)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        var foldOf = new int[rows.Count];
        var next = random.Next(folds);
        foreach (var group in Enumerable.Range(0, rows.Count).GroupBy(i => rows[i].Intent, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var members = group.ToArray();
            random.Shuffle(members);
            foreach (var i in members)
            {
                // Continuing the deal across intents keeps fold sizes within one row of each other.
                foldOf[i] = next;
                next = (next + 1) % folds;
            }
        }
        return foldOf;
    }

    /// <summary>The held-out intent group of every intent (a shuffled round-robin deal, like the rows).</summary>
    public static Dictionary<string, int> IntentGroups(IEnumerable<string> intents, int folds, Random random)
    {
        ArgumentNullException.ThrowIfNull(intents);
        ArgumentNullException.ThrowIfNull(random);
        var shuffled = intents.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        random.Shuffle(shuffled);
        return shuffled.Select((intent, i) => (intent, i)).ToDictionary(p => p.intent, p => p.i % folds, StringComparer.Ordinal);
    }

    /// <summary>
    /// Out-of-fold predictions: every row is predicted by a model trained on the other folds. With
    /// <paramref name="holdOutIntents"/>, rows of the intents held out of a fold's model are predicted by that model
    /// as simulated out-of-scope rows instead (whatever their own fold), and never as in-scope ones.
    /// </summary>
    public static IReadOnlyList<FoldPrediction> Predict(
        IReadOnlyList<LabelledExample> rows, TrainedRecognizerOptions options, int folds, bool holdOutIntents, Random random,
        IReadOnlyList<LabelledExample>? outOfScope = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(random);
        var foldOf = StratifiedFolds(rows, folds, random);
        var groupOf = IntentGroups(rows.Select(r => r.Intent), folds, random);
        var seeds = Enumerable.Range(0, folds).Select(_ => random.Next()).ToArray();
        var predictions = new List<FoldPrediction>(rows.Count);
        for (var f = 0; f < folds; f++)
        {
            bool HeldOut(int i) => holdOutIntents && groupOf[rows[i].Intent] == f;
            var fit = Enumerable.Range(0, rows.Count).Where(i => foldOf[i] != f && !HeldOut(i)).Select(i => rows[i]).ToList();
            var model = TrainedIntentRecognizer.Train(fit, options, new Random(seeds[f]));
            var classOf = model.Intents.Select((intent, k) => (intent, k)).ToDictionary(p => p.intent, p => p.k, StringComparer.Ordinal);
            foreach (var i in Enumerable.Range(0, rows.Count).Where(i => HeldOut(i) || foldOf[i] == f))
            {
                // An intent with fewer examples than folds can have all of them in this fold: the model never saw
                // it, so for this model its rows are out of scope, like a held-out intent's.
                predictions.Add(Predict(model, rows[i], HeldOut(i) ? FoldPrediction.HeldOutIntent : classOf.GetValueOrDefault(rows[i].Intent, FoldPrediction.HeldOutIntent)));
            }
            // Rows marked out of scope are never trained on; each fold's model predicts its share of them.
            predictions.AddRange((outOfScope ?? []).Where((_, i) => i % folds == f).Select(row => Predict(model, row, FoldPrediction.RealOutOfScope)));
        }
        return predictions;
    }

    /// <summary>Predictions of one model on a labelled set; rows of <paramref name="outOfScopeLabel"/> (or of intents the model lacks) are out of scope.</summary>
    public static IReadOnlyList<FoldPrediction> PredictWith(TrainedIntentRecognizer model, IReadOnlyList<LabelledExample> rows, string? outOfScopeLabel)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(rows);
        var classOf = model.Intents.Select((intent, k) => (intent, k)).ToDictionary(p => p.intent, p => p.k, StringComparer.Ordinal);
        return rows.Select(row => Predict(model, row,
            string.Equals(row.Intent, outOfScopeLabel, StringComparison.Ordinal) ? FoldPrediction.RealOutOfScope : classOf.GetValueOrDefault(row.Intent, FoldPrediction.HeldOutIntent))).ToList();
    }

    private static FoldPrediction Predict(TrainedIntentRecognizer model, LabelledExample row, int label)
    {
        var raw = new float[model.Intents.Count];
        model.UncalibratedProbabilities(row.Text, raw);
        return new FoldPrediction(row, raw, label, model.Intents[ArgMax(raw)], model.Intents);
    }

    internal static int ArgMax(ReadOnlySpan<float> values)
    {
        var best = 0;
        for (var k = 1; k < values.Length; k++)
        {
            best = values[k] > values[best] ? k : best;
        }
        return best;
    }
}
