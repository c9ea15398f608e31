namespace Atendimento.Bot.Recognition.Trained;

/// <summary>
/// Calibration by one temperature T: p = softmax(log q / T), where q are the model's probabilities. T is fitted on
/// held-out data by minimising the negative log-likelihood (golden-section search over log T); the ranking of the
/// intents never changes, only how sure the probabilities claim to be.
/// </summary>
public static class TemperatureScaling
{
    private const double MinLogT = -3.0; // T ~ 0.05
    private const double MaxLogT = 3.0;  // T ~ 20

    /// <summary>The temperature minimising the held-out NLL of <paramref name="probabilities"/> (each row sums to 1).</summary>
    public static double Fit(IReadOnlyList<float[]> probabilities, IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(labels);
        if (probabilities.Count == 0)
        {
            return 1.0;
        }
        var golden = (Math.Sqrt(5) - 1) / 2;
        double lo = MinLogT, hi = MaxLogT;
        for (var i = 0; i < 60; i++)
        {
            var a = hi - golden * (hi - lo);
            var b = lo + golden * (hi - lo);
            if (NegativeLogLikelihood(probabilities, labels, Math.Exp(a)) <= NegativeLogLikelihood(probabilities, labels, Math.Exp(b)))
            {
                hi = b;
            }
            else
            {
                lo = a;
            }
        }
        return Math.Exp((lo + hi) / 2);
    }

    public static double NegativeLogLikelihood(IReadOnlyList<float[]> probabilities, IReadOnlyList<int> labels, double temperature)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(labels);
        // Rows may come from models with different intent counts (cross-validation folds holding out intents).
        var buffer = new float[probabilities.Count == 0 ? 0 : probabilities.Max(p => p.Length)];
        var total = 0.0;
        for (var i = 0; i < probabilities.Count; i++)
        {
            var row = buffer.AsSpan(0, probabilities[i].Length);
            probabilities[i].CopyTo(row);
            Apply(row, temperature);
            total -= Math.Log(Math.Max(row[labels[i]], 1e-12f));
        }
        return total / Math.Max(1, probabilities.Count);
    }

    /// <summary>Rescales probabilities in place to the given temperature; they still sum to 1.</summary>
    public static void Apply(Span<float> probabilities, double temperature)
    {
        if (temperature == 1.0)
        {
            return;
        }
        var inverse = (float)(1.0 / temperature);
        foreach (ref var p in probabilities)
        {
            p = MathF.Log(MathF.Max(p, 1e-30f)) * inverse;
        }
        SoftmaxModel.Softmax(probabilities);
    }
}
