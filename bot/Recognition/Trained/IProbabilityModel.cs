namespace Atendimento.Bot.Recognition.Trained;

/// <summary>A trained classifier over sparse features: class probabilities that sum to 1.</summary>
public interface IProbabilityModel
{
    void Probabilities(SparseVector x, Span<float> probabilities);
}
