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

    [GlobalSetup]
    public void Setup() => _train = Banking77.Train().Take(10_000).ToList();

    [Benchmark(Baseline = true)]
    public TrainedIntentRecognizer Train_ensemble_10k() => TrainedIntentRecognizer.Train(_train, new TrainedRecognizerOptions(), new Random(42));

    [Benchmark]
    public TrainedIntentRecognizer Train_logistic_regression_10k() =>
        TrainedIntentRecognizer.Train(_train, TrainedRecognizerOptions.SingleLogisticRegression, new Random(42));
}
