namespace Atendimento.Bot.Recognition.Evaluation;

/// <summary>The metric formulas, kept pure so tests can check them on examples worked by hand.</summary>
public static class ClassificationMetrics
{
    /// <summary>
    /// Area under the ROC curve: the probability that a random positive scores above a random negative, ties
    /// counting half (the Mann-Whitney statistic). NaN when either side is empty.
    /// </summary>
    public static double Auroc(IReadOnlyList<double> positiveScores, IReadOnlyList<double> negativeScores)
    {
        ArgumentNullException.ThrowIfNull(positiveScores);
        ArgumentNullException.ThrowIfNull(negativeScores);
        if (positiveScores.Count == 0 || negativeScores.Count == 0)
        {
            return double.NaN;
        }
        var all = positiveScores.Select(s => (Score: s, Positive: true)).Concat(negativeScores.Select(s => (Score: s, Positive: false)))
            .OrderBy(p => p.Score).ToArray();
        var positiveRankSum = 0.0;
        for (var i = 0; i < all.Length;)
        {
            var j = i;
            while (j < all.Length && all[j].Score == all[i].Score)
            {
                j++;
            }
            var averageRank = (i + 1 + j) / 2.0; // ranks i+1..j share their mean
            positiveRankSum += averageRank * all[i..j].Count(p => p.Positive);
            i = j;
        }
        double p = positiveScores.Count, n = negativeScores.Count;
        return (positiveRankSum - p * (p + 1) / 2) / (p * n);
    }

    public static double F1(double precision, double recall) =>
        precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);

    public static double Ratio(int numerator, int denominator) => denominator == 0 ? double.NaN : (double)numerator / denominator;
}
