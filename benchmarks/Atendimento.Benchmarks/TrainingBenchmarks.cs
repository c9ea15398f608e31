using Atendimento.Bot.Recognition;
using Atendimento.Bot.Recognition.Trained;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace Atendimento.Benchmarks;

/// <summary>Training on the first 10,000 banking77 examples: one run per iteration, it takes seconds.</summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
[MedianColumn]
public class TrainingBenchmarks
{
    private IReadOnlyList<LabelledExample> _train = null!;
    private List<LabelledExample> _shipped = null!;

    [GlobalSetup]
    public void Setup()
    {
        _train = Banking77.Train().Take(10_000).ToList();
        _shipped = DialogRecognizerTrainer.Examples(Bot.Dialogs.DialogLoader.Load(Banking77.ShippedDialogs()).ExamplesByIntent());
    }

    [Benchmark(Baseline = true)]
    public TrainedIntentRecognizer Train_ensemble_10k() => TrainedIntentRecognizer.Train(_train, new TrainedRecognizerOptions(), new Random(42));

    [Benchmark]
    public TrainedIntentRecognizer Train_logistic_regression_10k() =>
        TrainedIntentRecognizer.Train(_train, TrainedRecognizerOptions.SingleLogisticRegression, new Random(42));

    /// <summary>What the bot does at start-up: 5-fold cross-validation for the temperature, then the model, on the shipped dialogs.</summary>
    [Benchmark]
    public TrainedIntentRecognizer Train_shipped_dialogs_at_start_up() => DialogRecognizerTrainer.Train(_shipped).Model;
}
