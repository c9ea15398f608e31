using Atendimento.Bot.Recognition.Evaluation;

namespace Atendimento.Bot.Tests.Recognition.Trained;

public sealed class ClassificationMetricsTests
{
    [Fact]
    public void Auroc_counts_the_pairs_a_positive_wins()
    {
        // Positives beat negatives in 5 of the 6 pairs (0.4 loses to 0.5).
        Assert.Equal(5.0 / 6, ClassificationMetrics.Auroc([0.9, 0.8, 0.4], [0.5, 0.3]), 10);
    }

    [Fact]
    public void Auroc_counts_ties_as_half()
    {
        Assert.Equal(0.75, ClassificationMetrics.Auroc([0.5, 0.9], [0.5]), 10);
        Assert.Equal(0.0, ClassificationMetrics.Auroc([0.1], [0.5]), 10);
        Assert.True(double.IsNaN(ClassificationMetrics.Auroc([0.1], [])));
    }

    [Fact]
    public void F1_is_the_harmonic_mean_of_precision_and_recall()
    {
        Assert.Equal(2.0 / 3, ClassificationMetrics.F1(0.5, 1.0), 10);
        Assert.Equal(0.0, ClassificationMetrics.F1(0, 0));
    }
}
