namespace Atendimento.Bot.Recognition.Trained;

/// <summary>A sparse feature vector: ascending feature indices and their values, the same length.</summary>
public readonly record struct SparseVector(int[] Indices, float[] Values)
{
    public static SparseVector Empty { get; } = new([], []);

    public int Count => Indices.Length;
}
