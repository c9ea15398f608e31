namespace Atendimento.Bot.Recognition.Trained;

/// <summary>
/// The trained recognizer: TF-IDF features of normalised text, multinomial logistic regression per feature view,
/// views averaged in probability space, probabilities calibrated by a temperature fitted on held-out data.
/// Confidence is the calibrated probability of the intent.
/// </summary>
public sealed class TrainedIntentRecognizer : IIntentRecognizer
{
    private readonly IReadOnlyList<Member> _members;

    private TrainedIntentRecognizer(IReadOnlyList<string> intents, IReadOnlyList<Member> members, TrainedRecognizerOptions options, double temperature)
    {
        Intents = intents;
        _members = members;
        Options = options;
        Temperature = temperature;
    }

    /// <summary>The intents in class-index order.</summary>
    public IReadOnlyList<string> Intents { get; }

    public TrainedRecognizerOptions Options { get; }

    public double Temperature { get; }

    public static TrainedIntentRecognizer Train(IReadOnlyList<LabelledExample> examples, TrainedRecognizerOptions options, Random random)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(random);
        var intents = examples.Select(e => e.Intent).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var classOf = intents.Select((intent, k) => (intent, k)).ToDictionary(p => p.intent, p => p.k, StringComparer.Ordinal);
        var labels = examples.Select(e => classOf[e.Intent]).ToArray();
        var texts = examples.Select(e => e.Text).ToArray();
        var seeds = options.Views.Select(_ => random.Next()).ToArray();
        var members = new Member[options.Views.Count];
        Parallel.For(0, members.Length, v =>
        {
            var extractor = FeatureExtractor.Fit(texts, options.Views[v]);
            var inputs = texts.Select(extractor.Transform).ToArray();
            var trainer = options.Trainers.Count > v ? options.Trainers[v] : options.Trainer;
            IProbabilityModel model = trainer.HiddenUnits > 0
                ? MlpTrainer.Train(inputs, labels, extractor.FeatureCount, intents.Count, trainer, new Random(seeds[v]))
                : SoftmaxTrainer.Train(inputs, labels, extractor.FeatureCount, intents.Count, trainer, new Random(seeds[v]));
            members[v] = new Member(extractor, model);
        });
        return new TrainedIntentRecognizer(intents, members, options, 1.0);
    }

    /// <summary>The same model with probabilities calibrated at another temperature.</summary>
    public TrainedIntentRecognizer WithTemperature(double temperature) => new(Intents, _members, Options, temperature);

    public RecognitionResult Recognize(string text)
    {
        Span<float> probabilities = Intents.Count <= 512 ? stackalloc float[Intents.Count] : new float[Intents.Count];
        Probabilities(text, probabilities);
        return new RecognitionResult(Ranked(probabilities));
    }

    /// <summary>Calibrated probability of every intent, in <see cref="Intents"/> order; they sum to 1.</summary>
    public void Probabilities(string text, Span<float> probabilities)
    {
        UncalibratedProbabilities(text, probabilities);
        TemperatureScaling.Apply(probabilities, Temperature);
    }

    /// <summary>The members' averaged probabilities before temperature scaling (what calibration is fitted on).</summary>
    public void UncalibratedProbabilities(string text, Span<float> probabilities)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (_members.Count == 1)
        {
            _members[0].Probabilities(text, probabilities);
            return;
        }
        probabilities.Clear();
        Span<float> member = probabilities.Length <= 512 ? stackalloc float[probabilities.Length] : new float[probabilities.Length];
        foreach (var m in _members)
        {
            m.Probabilities(text, member);
            SoftmaxModel.Axpy(1f / _members.Count, member, probabilities);
        }
    }

    private List<IntentScore> Ranked(ReadOnlySpan<float> probabilities)
    {
        var count = Math.Min(Options.MaxCandidates, probabilities.Length);
        Span<int> best = stackalloc int[count];
        var filled = 0;
        for (var k = 0; k < probabilities.Length; k++)
        {
            // Insertion into a short sorted list; ties keep the lower class index (alphabetical intent) first.
            var at = filled;
            while (at > 0 && probabilities[best[at - 1]] < probabilities[k])
            {
                at--;
            }
            if (at >= count)
            {
                continue;
            }
            for (var j = Math.Min(filled, count - 1); j > at; j--)
            {
                best[j] = best[j - 1];
            }
            best[at] = k;
            filled = Math.Min(filled + 1, count);
        }
        var ranked = new List<IntentScore>(filled);
        foreach (var k in best[..filled])
        {
            ranked.Add(new IntentScore(Intents[k], probabilities[k]));
        }
        return ranked;
    }

    private sealed record Member(FeatureExtractor Extractor, IProbabilityModel Model)
    {
        public void Probabilities(string text, Span<float> probabilities) => Model.Probabilities(Extractor.Transform(text), probabilities);
    }
}
