using Atendimento.Bot.Recognition;
using Atendimento.Bot.Recognition.Trained;
using BenchmarkDotNet.Attributes;

namespace Atendimento.Benchmarks;

/// <summary>Classifying one message with the recognizer trained on banking77 (default ensemble and single LR).</summary>
[SimpleJob(warmupCount: 3, iterationCount: 10)]
[MemoryDiagnoser]
[MedianColumn]
public class RecognizerBenchmarks
{
    private static readonly string[] Messages =
    [
        "I am still waiting on my card?",
        "How do I top up my account using a cheque, is it possible?",
        "Why was I charged an extra fee when I withdrew cash from the ATM abroad?",
        "my transfer hasnt gone through yet",
    ];

    private TrainedIntentRecognizer _ensemble = null!;
    private TrainedIntentRecognizer _logisticRegression = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var train = Banking77.Train();
        _ensemble = TrainedIntentRecognizer.Train(train, new TrainedRecognizerOptions(), new Random(42));
        _logisticRegression = TrainedIntentRecognizer.Train(train, TrainedRecognizerOptions.SingleLogisticRegression, new Random(42));
    }

    [Benchmark(Baseline = true)]
    public RecognitionResult Classify_ensemble() => _ensemble.Recognize(Messages[_next++ & 3]);

    [Benchmark]
    public RecognitionResult Classify_logistic_regression() => _logisticRegression.Recognize(Messages[_next++ & 3]);
}
