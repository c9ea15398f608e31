namespace Atendimento.Bot.Recognition.Trained;

/// <summary>Stochastic gradient descent for <see cref="SoftmaxModel"/>; defaults chosen on a banking77 validation split.</summary>
public sealed record TrainerOptions
{
    public int Epochs { get; init; } = 20;

    /// <summary>Initial step size; it decays linearly to zero over the epochs.</summary>
    public float LearningRate { get; init; } = 0.5f;

    /// <summary>L2 penalty per example (lambda in lambda/2 ||W||^2 averaged over the training set).</summary>
    public float L2 { get; init; } = 1e-5f;

    /// <summary>Weigh each example by N / (classes * examples of its class), so rare intents count as much as common ones.</summary>
    public bool ClassBalanced { get; init; }

    /// <summary>Hidden ReLU units of a one-hidden-layer perceptron; 0 trains logistic regression (L2 applies to it only).</summary>
    public int HiddenUnits { get; init; }

    /// <summary>Perceptron only: each input feature of a training step is dropped with this probability (the rest scaled up to match).</summary>
    public float InputDropout { get; init; }

    /// <summary>Trains towards (1 - e) on the label and e / classes elsewhere instead of a hard 1 and 0s.</summary>
    public float LabelSmoothing { get; init; }

    public override string ToString() =>
        $"{(HiddenUnits > 0 ? $"MLP {HiddenUnits} hidden, " : "")}SGD {Epochs} epochs, lr {LearningRate}, L2 {L2:0.#e0}{(ClassBalanced ? ", class-balanced" : "")}{(InputDropout > 0 ? $", input dropout {InputDropout}" : "")}{(LabelSmoothing > 0 ? $", label smoothing {LabelSmoothing}" : "")}";
}
