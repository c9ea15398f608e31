using System.Numerics;

namespace Atendimento.Bot.Recognition.Trained;

/// <summary>
/// Multinomial logistic regression: one weight row per feature holding every class's weight (feature-major, so a
/// sparse message touches contiguous memory), plus a bias per class. The true weights are <c>Scale * Weights</c>,
/// which lets training apply L2 shrinkage to all weights in O(1) per step.
/// </summary>
public sealed class SoftmaxModel : IProbabilityModel
{
    internal SoftmaxModel(int featureCount, int classCount)
    {
        ClassCount = classCount;
        Weights = new float[featureCount * classCount];
        Bias = new float[classCount];
    }

    public int ClassCount { get; }

    internal float[] Weights { get; }

    internal float[] Bias { get; }

    internal float Scale { get; set; } = 1f;

    /// <summary>Writes the class scores (logits) of <paramref name="x"/> into <paramref name="scores"/>.</summary>
    public void Scores(SparseVector x, Span<float> scores)
    {
        scores.Clear();
        for (var i = 0; i < x.Indices.Length; i++)
        {
            Axpy(x.Values[i], Row(x.Indices[i]), scores);
        }
        for (var k = 0; k < ClassCount; k++)
        {
            scores[k] = scores[k] * Scale + Bias[k];
        }
    }

    /// <summary>Class probabilities of <paramref name="x"/>, written into <paramref name="probabilities"/>.</summary>
    public void Probabilities(SparseVector x, Span<float> probabilities)
    {
        Scores(x, probabilities);
        Softmax(probabilities);
    }

    internal Span<float> Row(int feature) => Weights.AsSpan(feature * ClassCount, ClassCount);

    /// <summary>Folds <see cref="Scale"/> into the weights, when it grows too small for float precision.</summary>
    internal void Rescale()
    {
        foreach (ref var w in Weights.AsSpan())
        {
            w *= Scale;
        }
        Scale = 1f;
    }

    public static void Softmax(Span<float> values)
    {
        var max = float.NegativeInfinity;
        foreach (var v in values)
        {
            max = MathF.Max(max, v);
        }
        var sum = 0f;
        foreach (ref var v in values)
        {
            v = MathF.Exp(v - max);
            sum += v;
        }
        foreach (ref var v in values)
        {
            v /= sum;
        }
    }

    /// <summary>y += a * x, vectorised.</summary>
    internal static void Axpy(float a, ReadOnlySpan<float> x, Span<float> y)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<float>.Count)
        {
            var va = new Vector<float>(a);
            for (; i <= x.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var vy = new Vector<float>(y[i..]) + va * new Vector<float>(x[i..]);
                vy.CopyTo(y[i..]);
            }
        }
        for (; i < x.Length; i++)
        {
            y[i] += a * x[i];
        }
    }
}
