using Atendimento.Bot.Recognition.Trained;

namespace Atendimento.Bot.Tests.Recognition.Trained;

public sealed class TemperatureScalingTests
{
    [Fact]
    public void Overconfident_predictions_that_are_often_wrong_get_a_temperature_above_one()
    {
        // 0.98 sure every time, right only 60 % of the time.
        var probabilities = Enumerable.Range(0, 10).Select(_ => new[] { 0.98f, 0.02f }).ToList();
        var labels = Enumerable.Range(0, 10).Select(i => i < 6 ? 0 : 1).ToList();

        var temperature = TemperatureScaling.Fit(probabilities, labels);

        Assert.True(temperature > 1.5, $"T = {temperature}");
        Assert.True(TemperatureScaling.NegativeLogLikelihood(probabilities, labels, temperature) < TemperatureScaling.NegativeLogLikelihood(probabilities, labels, 1.0));
    }

    [Fact]
    public void Timid_predictions_that_are_always_right_get_a_temperature_below_one()
    {
        var probabilities = Enumerable.Range(0, 10).Select(_ => new[] { 0.6f, 0.3f, 0.1f }).ToList();
        var labels = Enumerable.Repeat(0, 10).ToList();

        Assert.True(TemperatureScaling.Fit(probabilities, labels) < 0.5);
    }

    [Fact]
    public void Applying_a_temperature_keeps_the_ranking_and_the_sum()
    {
        var probabilities = new[] { 0.5f, 0.3f, 0.2f };

        TemperatureScaling.Apply(probabilities, 2.0);

        Assert.Equal(1.0, probabilities.Sum(), 5);
        Assert.True(probabilities[0] > probabilities[1] && probabilities[1] > probabilities[2]);
        Assert.True(probabilities[0] < 0.5f, "a higher temperature flattens");
    }
}
