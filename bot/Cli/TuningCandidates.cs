using Atendimento.Bot.Recognition.Trained;

namespace Atendimento.Bot.Cli;

/// <summary>The configurations <c>dialogs tune</c> compares (docs/decisions/0013 records the figures).</summary>
internal static class TuningCandidates
{
    private static readonly TrainerOptions Sgd = new();
    private static readonly TrainerOptions Mlp = new() { HiddenUnits = 256, LearningRate = 0.3f, Epochs = 10 };
    private static readonly FeatureOptions Wide = new() { WordNgramMax = 3, CharNgramMin = 1, CharNgramMax = 6 };
    private static readonly FeatureOptions Pairs = FeatureOptions.WordsAndChars with { WordPairWindow = 3 };
    private static readonly FeatureOptions AcrossWords = FeatureOptions.WordsAndChars with { CharsAcrossWords = true };
    private static readonly TrainerOptions Smoothed = Mlp with { LabelSmoothing = 0.3f };

    public static IReadOnlyList<(string Name, TrainedRecognizerOptions Options)> All { get; } =
    [
        ("words 1-2", new() { Trainers = [], Views = [FeatureOptions.WordsOnly] }),
        ("chars 1-5", new() { Trainers = [], Views = [FeatureOptions.CharsOnly] }),
        ("words 1-2 + chars 2-5", new() { Trainers = [], Views = [FeatureOptions.WordsAndChars] }),
        ("  L2 1e-6", new() { Views = [FeatureOptions.WordsAndChars], Trainers = [], Trainer = Sgd with { L2 = 1e-6f } }),
        ("  L2 3e-5", new() { Views = [FeatureOptions.WordsAndChars], Trainers = [], Trainer = Sgd with { L2 = 3e-5f } }),
        ("  10 epochs", new() { Views = [FeatureOptions.WordsAndChars], Trainers = [], Trainer = Sgd with { Epochs = 10 } }),
        ("  40 epochs", new() { Views = [FeatureOptions.WordsAndChars], Trainers = [], Trainer = Sgd with { Epochs = 40 } }),
        ("  lr 0.2", new() { Views = [FeatureOptions.WordsAndChars], Trainers = [], Trainer = Sgd with { LearningRate = 0.2f } }),
        ("  lr 1.0", new() { Views = [FeatureOptions.WordsAndChars], Trainers = [], Trainer = Sgd with { LearningRate = 1f } }),
        ("  class-balanced", new() { Views = [FeatureOptions.WordsAndChars], Trainers = [], Trainer = Sgd with { ClassBalanced = true } }),
        ("  raw tf", new() { Trainers = [], Views = [FeatureOptions.WordsAndChars with { SublinearTf = false }] }),
        ("words 1-3 + chars 1-6", new() { Trainers = [], Views = [new FeatureOptions { WordNgramMax = 3, CharNgramMin = 1, CharNgramMax = 6 }] }),
        ("  + word pairs within 3", new() { Trainers = [], Views = [FeatureOptions.WordsAndChars with { WordPairWindow = 3 }] }),
        ("  + word pairs within 4, lr 1", new() { Trainers = [], Views = [FeatureOptions.WordsAndChars with { WordPairWindow = 4 }], Trainer = Sgd with { LearningRate = 1f } }),
        ("mlp 256 lr 0.3 20 ep", new() { Views = [FeatureOptions.WordsAndChars], Trainers = [], Trainer = new TrainerOptions { HiddenUnits = 256, LearningRate = 0.3f, Epochs = 20 } }),
        ("mlp 256 lr 0.3 10 ep", new() { Views = [FeatureOptions.WordsAndChars], Trainers = [], Trainer = new TrainerOptions { HiddenUnits = 256, LearningRate = 0.3f, Epochs = 10 } }),
        ("ens LR + MLP", new() { Views = [FeatureOptions.WordsAndChars, FeatureOptions.WordsAndChars], Trainers = [Sgd, Mlp] }),
        ("ens LR + MLP + MLP pairs", new() { Views = [FeatureOptions.WordsAndChars, FeatureOptions.WordsAndChars, Pairs], Trainers = [Sgd, Mlp, Mlp] }),
        ("ens LR + LR pairs + MLP + MLP pairs", new() { Views = [FeatureOptions.WordsAndChars, Pairs, FeatureOptions.WordsAndChars, Pairs], Trainers = [Sgd, Sgd, Mlp, Mlp] }),
        ("mlp 512 lr 0.3 10 ep", new() { Views = [FeatureOptions.WordsAndChars], Trainers = [], Trainer = Mlp with { HiddenUnits = 512 } }),
        ("mlp 256 lr 0.5 8 ep", new() { Views = [FeatureOptions.WordsAndChars], Trainers = [], Trainer = Mlp with { LearningRate = 0.5f, Epochs = 8 } }),
        ("ens2 LR + LR pairs + MLP + MLP pairs + MLP wide", new() { Views = [FeatureOptions.WordsAndChars, Pairs, FeatureOptions.WordsAndChars, Pairs, Wide], Trainers = [Sgd, Sgd, Mlp, Mlp, Mlp] }),
        ("ens2 LR + LR wide + MLP + MLP wide", new() { Views = [FeatureOptions.WordsAndChars, Wide, FeatureOptions.WordsAndChars, Wide], Trainers = [Sgd, Sgd, Mlp, Mlp] }),
        ("ens2 LR pairs + MLP pairs", new() { Views = [Pairs, Pairs], Trainers = [Sgd, Mlp] }),
        ("cv chosen 4 members", new() { Views = [FeatureOptions.WordsAndChars, Pairs, FeatureOptions.WordsAndChars, Pairs], Trainers = [Sgd, Sgd, Mlp, Mlp] }),
        ("cv 6 members: 2 more MLP seeds", new() { Views = [FeatureOptions.WordsAndChars, Pairs, FeatureOptions.WordsAndChars, Pairs, FeatureOptions.WordsAndChars, Pairs], Trainers = [Sgd, Sgd, Mlp, Mlp, Mlp, Mlp] }),
        ("cv 4 members, MLP 15 ep lr 0.2", new() { Views = [FeatureOptions.WordsAndChars, Pairs, FeatureOptions.WordsAndChars, Pairs], Trainers = [Sgd, Sgd, Mlp with { Epochs = 15, LearningRate = 0.2f }, Mlp with { Epochs = 15, LearningRate = 0.2f }] }),
        ("cv 8 members: 4 more MLP seeds", new() { Views = [FeatureOptions.WordsAndChars, Pairs, FeatureOptions.WordsAndChars, Pairs, FeatureOptions.WordsAndChars, Pairs, FeatureOptions.WordsAndChars, Pairs], Trainers = [Sgd, Sgd, Mlp, Mlp, Mlp, Mlp, Mlp, Mlp] }),
        ("cv 6 members: MLPs on wide view", new() { Views = [FeatureOptions.WordsAndChars, Pairs, FeatureOptions.WordsAndChars, Pairs, Wide, Wide], Trainers = [Sgd, Sgd, Mlp, Mlp, Mlp, Mlp] }),
        ("cv 6 members, MLP input dropout 0.2", new() { Views = [FeatureOptions.WordsAndChars, Pairs, FeatureOptions.WordsAndChars, Pairs, FeatureOptions.WordsAndChars, Pairs], Trainers = [Sgd, Sgd, Mlp with { InputDropout = 0.2f }, Mlp with { InputDropout = 0.2f }, Mlp with { InputDropout = 0.2f }, Mlp with { InputDropout = 0.2f }] }),
        ("cv 6 members, MLP input dropout 0.4", new() { Views = [FeatureOptions.WordsAndChars, Pairs, FeatureOptions.WordsAndChars, Pairs, FeatureOptions.WordsAndChars, Pairs], Trainers = [Sgd, Sgd, Mlp with { InputDropout = 0.4f }, Mlp with { InputDropout = 0.4f }, Mlp with { InputDropout = 0.4f }, Mlp with { InputDropout = 0.4f }] }),
        ("ls mlp, label smoothing 0.1", new() { Views = [FeatureOptions.WordsAndChars], Trainers = [Mlp with { LabelSmoothing = 0.1f }] }),
        ("ls mlp, label smoothing 0.2", new() { Views = [FeatureOptions.WordsAndChars], Trainers = [Mlp with { LabelSmoothing = 0.2f }] }),
        ("ls mlp, label smoothing 0.3", new() { Views = [FeatureOptions.WordsAndChars], Trainers = [Smoothed] }),
        ("ls mlp, label smoothing 0.5", new() { Views = [FeatureOptions.WordsAndChars], Trainers = [Smoothed with { LabelSmoothing = 0.5f }] }),
        ("ls lr, label smoothing 0.1", new() { Views = [FeatureOptions.WordsAndChars], Trainers = [Sgd with { LabelSmoothing = 0.1f }] }),
        ("ls lr, chars across words", new() { Views = [AcrossWords], Trainers = [Sgd] }),
        ("ls 4 smoothed MLPs (chosen)", new() { Views = [FeatureOptions.WordsAndChars, Pairs, FeatureOptions.WordsAndChars, Pairs], Trainers = [Smoothed, Smoothed, Smoothed, Smoothed] }),
        ("ls 2 LR + 4 smoothed MLPs", new() { Views = [FeatureOptions.WordsAndChars, Pairs, FeatureOptions.WordsAndChars, Pairs, FeatureOptions.WordsAndChars, Pairs], Trainers = [Sgd, Sgd, Smoothed, Smoothed, Smoothed, Smoothed] }),
        ("ls 6 smoothed MLPs", new() { Views = [FeatureOptions.WordsAndChars, Pairs, FeatureOptions.WordsAndChars, Pairs, FeatureOptions.WordsAndChars, Pairs], Trainers = [Smoothed, Smoothed, Smoothed, Smoothed, Smoothed, Smoothed] }),
        ("ls 4 smoothed MLPs + 2 on other views", new() { Views = [FeatureOptions.WordsAndChars, Pairs, FeatureOptions.WordsAndChars, Pairs, Wide, AcrossWords], Trainers = [Smoothed, Smoothed, Smoothed, Smoothed, Smoothed, Smoothed] }),
        ("ls 4 smoothed MLPs, input dropout 0.2", new() { Views = [FeatureOptions.WordsAndChars, Pairs, FeatureOptions.WordsAndChars, Pairs], Trainers = [Smoothed with { InputDropout = 0.2f }, Smoothed with { InputDropout = 0.2f }, Smoothed, Smoothed] }),
        ("ensemble of 3 views", new() { Trainers = [], Views = [FeatureOptions.WordsAndChars, FeatureOptions.WordsOnly, FeatureOptions.CharsOnly] }),
    ];
}
