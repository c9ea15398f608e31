namespace Atendimento.Bot.Recognition.Evaluation;

/// <summary>A message is out of scope when its calibrated top probability is below <see cref="Value"/>.</summary>
public sealed record RejectionThreshold(double Value, string Rule)
{
    public bool Rejects(double topProbability) => topProbability < Value;

    /// <summary>
    /// Without out-of-scope examples: the highest threshold that rejects at most <paramref name="maxRejectedFraction"/>
    /// of the in-scope validation messages.
    /// </summary>
    public static RejectionThreshold ForInScopeRejectionRate(IReadOnlyList<double> inScopeTopProbabilities, double maxRejectedFraction)
    {
        ArgumentNullException.ThrowIfNull(inScopeTopProbabilities);
        var rule = $"rejects at most {maxRejectedFraction:P1} of in-scope validation messages (no out-of-scope examples)";
        if (inScopeTopProbabilities.Count == 0)
        {
            return new RejectionThreshold(0, rule);
        }
        var sorted = inScopeTopProbabilities.Order().ToArray();
        var allowed = (int)Math.Floor(maxRejectedFraction * sorted.Length);
        return new RejectionThreshold(allowed >= sorted.Length ? sorted[^1] : sorted[allowed], rule);
    }

    /// <summary>
    /// With out-of-scope validation examples: the threshold maximising the mean of in-scope accuracy (a rejected
    /// in-scope message counts wrong) and out-of-scope recall, so neither side's size decides the trade-off.
    /// Ties go to the lowest threshold.
    /// </summary>
    public static RejectionThreshold MaximiseBalancedAccuracy(IReadOnlyList<(double TopProbability, bool Correct)> inScope, IReadOnlyList<double> outOfScopeTopProbabilities)
    {
        ArgumentNullException.ThrowIfNull(inScope);
        ArgumentNullException.ThrowIfNull(outOfScopeTopProbabilities);
        var candidates = inScope.Select(p => p.TopProbability).Concat(outOfScopeTopProbabilities).Append(0.0).Append(1.0 + 1e-9).Distinct().Order();
        double best = 0, bestScore = double.NegativeInfinity;
        foreach (var t in candidates)
        {
            var accuracy = ClassificationMetrics.Ratio(inScope.Count(p => p.Correct && p.TopProbability >= t), inScope.Count);
            var recall = ClassificationMetrics.Ratio(outOfScopeTopProbabilities.Count(p => p < t), outOfScopeTopProbabilities.Count);
            var score = (accuracy + recall) / 2;
            if (score > bestScore)
            {
                (best, bestScore) = (t, score);
            }
        }
        return new RejectionThreshold(best, "maximises (in-scope accuracy + out-of-scope recall) / 2 on validation");
    }
}
