using System.Numerics;

namespace Atendimento.Bot.Recognition.Trained;

/// <summary>
/// Trains an <see cref="MlpModel"/> by per-example SGD on the cross-entropy, order shuffled by the injected
/// <see cref="Random"/>, step size decaying linearly to zero; only the rows of the message's features are updated.
/// </summary>
public static class MlpTrainer
{
    public static MlpModel Train(IReadOnlyList<SparseVector> inputs, IReadOnlyList<int> labels, int featureCount, int classCount, TrainerOptions options, Random random)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(random);
        var model = new MlpModel(featureCount, options.HiddenUnits, classCount, random);
        var order = Enumerable.Range(0, inputs.Count).ToArray();
        var hidden = new float[options.HiddenUnits];
        var hiddenGradient = new float[options.HiddenUnits];
        var outputGradient = new float[classCount];
        var totalSteps = (long)options.Epochs * inputs.Count;
        var step = 0L;
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (var i in order)
            {
                var rate = options.LearningRate * (1f - (float)step++ / totalSteps);
                var x = options.InputDropout > 0 ? Dropped(inputs[i], options.InputDropout, random) : inputs[i];
                model.Forward(x, hidden, outputGradient);
                SoftmaxTrainer.SubtractTarget(outputGradient, labels[i], options.LabelSmoothing);
                Backward(model, x, hidden, hiddenGradient, outputGradient, rate);
            }
        }
        return model;
    }

    /// <summary>
    /// The message with each feature kept with probability 1 - p and scaled by 1 / (1 - p): the network cannot lean
    /// on any single n-gram, which matters with few examples per intent. At least one feature is always kept.
    /// </summary>
    private static SparseVector Dropped(SparseVector x, float p, Random random)
    {
        var keep = new bool[x.Indices.Length];
        var kept = 0;
        for (var i = 0; i < keep.Length; i++)
        {
            keep[i] = random.NextSingle() >= p;
            kept += keep[i] ? 1 : 0;
        }
        if (kept == 0)
        {
            return x;
        }
        var indices = new int[kept];
        var values = new float[kept];
        var scale = 1f / (1f - p);
        for (int i = 0, k = 0; i < keep.Length; i++)
        {
            if (keep[i])
            {
                (indices[k], values[k]) = (x.Indices[i], x.Values[i] * scale);
                k++;
            }
        }
        return new SparseVector(indices, values);
    }

    private static void Backward(MlpModel model, SparseVector x, float[] hidden, float[] hiddenGradient, float[] outputGradient, float rate)
    {
        for (var j = 0; j < hidden.Length; j++)
        {
            var row = model.OutputRow(j);
            hiddenGradient[j] = hidden[j] > 0f ? Dot(row, outputGradient) : 0f;
            if (hidden[j] > 0f)
            {
                SoftmaxModel.Axpy(-rate * hidden[j], outputGradient, row);
            }
        }
        SoftmaxModel.Axpy(-rate, outputGradient, model.OutputBias);
        for (var i = 0; i < x.Indices.Length; i++)
        {
            SoftmaxModel.Axpy(-rate * x.Values[i], hiddenGradient, model.InputRow(x.Indices[i]));
        }
        SoftmaxModel.Axpy(-rate, hiddenGradient, model.HiddenBias);
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = 0f;
        var i = 0;
        if (Vector.IsHardwareAccelerated && a.Length >= Vector<float>.Count)
        {
            var acc = Vector<float>.Zero;
            for (; i <= a.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                acc += new Vector<float>(a[i..]) * new Vector<float>(b[i..]);
            }
            sum = Vector.Sum(acc);
        }
        for (; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
