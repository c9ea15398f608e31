namespace Atendimento.Bot.Recognition.Trained;

/// <summary>
/// A one-hidden-layer perceptron over the sparse features: ReLU hidden units, softmax output. The input layer is
/// feature-major (a message touches only its features' rows), which keeps training and classification sparse.
/// </summary>
public sealed class MlpModel : IProbabilityModel
{
    internal MlpModel(int featureCount, int hiddenUnits, int classCount, Random random)
    {
        HiddenUnits = hiddenUnits;
        ClassCount = classCount;
        Input = new float[featureCount * hiddenUnits];
        HiddenBias = new float[hiddenUnits];
        Output = new float[hiddenUnits * classCount];
        OutputBias = new float[classCount];
        Fill(Input, 0.05f, random);
        Fill(Output, MathF.Sqrt(6f / (hiddenUnits + classCount)), random);
    }

    public int HiddenUnits { get; }

    public int ClassCount { get; }

    internal float[] Input { get; }

    internal float[] HiddenBias { get; }

    internal float[] Output { get; }

    internal float[] OutputBias { get; }

    public void Probabilities(SparseVector x, Span<float> probabilities)
    {
        Span<float> hidden = HiddenUnits <= 2048 ? stackalloc float[HiddenUnits] : new float[HiddenUnits];
        Forward(x, hidden, probabilities);
    }

    /// <summary>Hidden activations and output probabilities of <paramref name="x"/>.</summary>
    internal void Forward(SparseVector x, Span<float> hidden, Span<float> probabilities)
    {
        HiddenBias.CopyTo(hidden);
        for (var i = 0; i < x.Indices.Length; i++)
        {
            SoftmaxModel.Axpy(x.Values[i], InputRow(x.Indices[i]), hidden);
        }
        OutputBias.CopyTo(probabilities);
        for (var j = 0; j < hidden.Length; j++)
        {
            hidden[j] = MathF.Max(0f, hidden[j]);
            if (hidden[j] > 0f)
            {
                SoftmaxModel.Axpy(hidden[j], OutputRow(j), probabilities);
            }
        }
        SoftmaxModel.Softmax(probabilities);
    }

    internal Span<float> InputRow(int feature) => Input.AsSpan(feature * HiddenUnits, HiddenUnits);

    internal Span<float> OutputRow(int hiddenUnit) => Output.AsSpan(hiddenUnit * ClassCount, ClassCount);

    private static void Fill(float[] weights, float limit, Random random)
    {
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = (float)((random.NextDouble() * 2 - 1) * limit);
        }
    }
}
