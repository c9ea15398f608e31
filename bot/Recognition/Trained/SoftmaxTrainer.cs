namespace Atendimento.Bot.Recognition.Trained;

/// <summary>
/// Trains a <see cref="SoftmaxModel"/> by SGD on the cross-entropy with L2 regularisation: one example at a time in
/// an order shuffled by the injected <see cref="Random"/> (so a fixed seed gives the same model), the step size
/// decaying linearly to zero, and only the rows of the example's features updated (sparse updates).
/// </summary>
public static class SoftmaxTrainer
{
    public static SoftmaxModel Train(IReadOnlyList<SparseVector> inputs, IReadOnlyList<int> labels, int featureCount, int classCount, TrainerOptions options, Random random)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(random);
        var model = new SoftmaxModel(featureCount, classCount);
        var weights = ExampleWeights(labels, classCount, options.ClassBalanced);
        var order = Enumerable.Range(0, inputs.Count).ToArray();
        var gradient = new float[classCount];
        var totalSteps = (long)options.Epochs * inputs.Count;
        var step = 0L;
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (var i in order)
            {
                var rate = options.LearningRate * (1f - (float)step++ / totalSteps);
                Step(model, inputs[i], labels[i], weights[labels[i]] * rate, rate * options.L2, options.LabelSmoothing, gradient);
            }
        }
        model.Rescale();
        return model;
    }

    /// <summary>Turns probabilities into the cross-entropy gradient: minus the (optionally smoothed) one-hot target.</summary>
    internal static void SubtractTarget(Span<float> probabilities, int label, float smoothing)
    {
        if (smoothing > 0f)
        {
            var spread = smoothing / probabilities.Length;
            for (var k = 0; k < probabilities.Length; k++)
            {
                probabilities[k] -= spread;
            }
        }
        probabilities[label] -= 1f - smoothing;
    }

    private static void Step(SoftmaxModel model, SparseVector x, int label, float rate, float shrink, float smoothing, float[] gradient)
    {
        model.Probabilities(x, gradient);
        SubtractTarget(gradient, label, smoothing);
        model.Scale *= 1f - shrink;
        if (model.Scale < 1e-6f)
        {
            model.Rescale();
        }
        var perScale = -rate / model.Scale;
        for (var i = 0; i < x.Indices.Length; i++)
        {
            SoftmaxModel.Axpy(perScale * x.Values[i], gradient, model.Row(x.Indices[i]));
        }
        for (var k = 0; k < gradient.Length; k++)
        {
            model.Bias[k] -= rate * gradient[k];
        }
    }

    private static float[] ExampleWeights(IReadOnlyList<int> labels, int classCount, bool balanced)
    {
        var weights = new float[classCount];
        if (!balanced)
        {
            Array.Fill(weights, 1f);
            return weights;
        }
        var counts = new int[classCount];
        foreach (var label in labels)
        {
            counts[label]++;
        }
        for (var k = 0; k < classCount; k++)
        {
            weights[k] = counts[k] == 0 ? 0f : (float)labels.Count / (classCount * counts[k]);
        }
        return weights;
    }
}
