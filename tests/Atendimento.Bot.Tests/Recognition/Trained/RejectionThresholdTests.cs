using Atendimento.Bot.Recognition.Evaluation;

namespace Atendimento.Bot.Tests.Recognition.Trained;

public sealed class RejectionThresholdTests
{
    [Fact]
    public void Without_out_of_scope_examples_the_threshold_rejects_at_most_the_allowed_share()
    {
        var scores = Enumerable.Range(1, 100).Select(i => i / 100.0).ToList();

        var threshold = RejectionThreshold.ForInScopeRejectionRate(scores, 0.02);

        Assert.Equal(2, scores.Count(threshold.Rejects));
        Assert.Equal(0.03, threshold.Value, 10);
    }

    [Fact]
    public void With_out_of_scope_examples_the_threshold_separates_them_from_the_in_scope_ones()
    {
        (double, bool)[] inScope = [(0.9, true), (0.8, true), (0.7, true), (0.6, false)];
        double[] outOfScope = [0.2, 0.3, 0.4];

        var threshold = RejectionThreshold.MaximiseBalancedAccuracy(inScope, outOfScope);

        Assert.All(outOfScope, score => Assert.True(threshold.Rejects(score)));
        Assert.All(inScope.Where(p => p.Item2), p => Assert.False(threshold.Rejects(p.Item1)));
    }
}
