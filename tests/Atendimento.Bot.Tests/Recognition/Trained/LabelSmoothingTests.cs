using Atendimento.Bot.Recognition.Trained;

namespace Atendimento.Bot.Tests.Recognition.Trained;

public sealed class LabelSmoothingTests
{
    [Fact]
    public void Without_smoothing_the_gradient_is_the_probabilities_minus_the_one_hot_label()
    {
        float[] probabilities = [0.7f, 0.2f, 0.1f];

        SoftmaxTrainer.SubtractTarget(probabilities, label: 0, smoothing: 0f);

        Assert.Equal([-0.3f, 0.2f, 0.1f], probabilities, FloatComparer);
    }

    [Fact]
    public void Smoothing_moves_a_share_of_the_target_from_the_label_to_every_class_evenly()
    {
        float[] probabilities = [0.7f, 0.2f, 0.1f];

        SoftmaxTrainer.SubtractTarget(probabilities, label: 0, smoothing: 0.3f);

        // Target: 0.7 + 0.1 on the label, 0.1 elsewhere; the gradient still sums to zero.
        Assert.Equal([-0.1f, 0.1f, 0f], probabilities, FloatComparer);
        Assert.Equal(0f, probabilities.Sum(), 5);
    }

    [Fact]
    public void A_smoothed_perceptron_is_less_sure_of_its_training_examples_but_still_right()
    {
        var examples = SyntheticIntents.Examples;
        TrainedRecognizerOptions Perceptron(float smoothing) => new()
        {
            Views = [FeatureOptions.WordsAndChars],
            Trainers = [TrainedRecognizerOptions.Perceptron with { LabelSmoothing = smoothing, Epochs = 30 }],
        };

        var sharp = TrainedIntentRecognizer.Train(examples, Perceptron(0f), new Random(7));
        var smoothed = TrainedIntentRecognizer.Train(examples, Perceptron(0.3f), new Random(7));

        var sharpTop = examples.Select(e => sharp.Recognize(e.Text).Top!).ToList();
        var smoothedTop = examples.Select(e => smoothed.Recognize(e.Text).Top!).ToList();
        Assert.All(examples.Zip(smoothedTop), pair => Assert.Equal(pair.First.Intent, pair.Second.Intent));
        Assert.True(smoothedTop.Average(t => t.Confidence) < sharpTop.Average(t => t.Confidence) - 0.1,
            $"smoothed {smoothedTop.Average(t => t.Confidence):0.000} vs sharp {sharpTop.Average(t => t.Confidence):0.000}");
    }

    private static readonly IEqualityComparer<float> FloatComparer = EqualityComparer<float>.Create((a, b) => Math.Abs(a - b) < 1e-6f, _ => 0);
}
