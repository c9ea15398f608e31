namespace Atendimento.Bot.Recognition.Trained;

/// <summary>
/// The trained recognizer: TF-IDF features of normalised text, multinomial logistic regression per feature view,
/// views averaged in probability space, probabilities calibrated by a temperature fitted on held-out data.
/// Confidence is the calibrated probability of the intent.
/// </summary>
public sealed class TrainedIntentRecognizer : IIntentRecognizer
{
    // Members that read the same feature view share its extractor, so a message is featurised once per view.
    private readonly IReadOnlyList<FeatureExtractor> _extractors;
    private readonly IReadOnlyList<Member> _members;

    private TrainedIntentRecognizer(IReadOnlyList<string> intents, IReadOnlyList<FeatureExtractor> extractors, IReadOnlyList<Member> members, TrainedRecognizerOptions options, double temperature)
    {
        Intents = intents;
        _extractors = extractors;
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
        var texts = examples.Select(e => TextNormalizer.Tokens(e.Text)).ToArray();
        var seeds = options.Views.Select(_ => random.Next()).ToArray();
        var views = options.Views.Distinct().ToList();
        var extractors = new FeatureExtractor[views.Count];
        var inputsByView = new SparseVector[views.Count][];
        Parallel.For(0, views.Count, w =>
        {
            extractors[w] = FeatureExtractor.Fit(texts, views[w]);
            inputsByView[w] = texts.Select(extractors[w].Transform).ToArray();
        });
        var members = new Member[options.Views.Count];
        Parallel.For(0, members.Length, v =>
        {
            var view = views.IndexOf(options.Views[v]);
            var trainer = options.Trainers.Count > v ? options.Trainers[v] : options.Trainer;
            IProbabilityModel model = trainer.HiddenUnits > 0
                ? MlpTrainer.Train(inputsByView[view], labels, extractors[view].FeatureCount, intents.Count, trainer, new Random(seeds[v]))
                : SoftmaxTrainer.Train(inputsByView[view], labels, extractors[view].FeatureCount, intents.Count, trainer, new Random(seeds[v]));
            members[v] = new Member(view, model);
        });
        return new TrainedIntentRecognizer(intents, extractors, members, options, 1.0);
    }

    /// <summary>The same model with probabilities calibrated at another temperature.</summary>
    public TrainedIntentRecognizer WithTemperature(double temperature) => new(Intents, _extractors, _members, Options, temperature);

    /// <summary>The intents ranked by calibrated probability; none when no word or n-gram of the message was seen in training.</summary>
    public RecognitionResult Recognize(string text)
    {
        Span<float> probabilities = Intents.Count <= 512 ? stackalloc float[Intents.Count] : new float[Intents.Count];
        return Probabilities(text, probabilities) ? new RecognitionResult(Ranked(probabilities)) : new RecognitionResult([]);
    }

    /// <summary>
    /// Calibrated probability of every intent, in <see cref="Intents"/> order; they sum to 1. Returns false when the
    /// message had no known feature (the probabilities are then the models' priors).
    /// </summary>
    public bool Probabilities(string text, Span<float> probabilities)
    {
        var known = UncalibratedProbabilities(text, probabilities);
        TemperatureScaling.Apply(probabilities, Temperature);
        return known;
    }

    /// <summary>The members' averaged probabilities before temperature scaling (what calibration is fitted on).</summary>
    public bool UncalibratedProbabilities(string text, Span<float> probabilities)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = TextNormalizer.Tokens(text);
        var features = _extractors.Select(extractor => extractor.Transform(tokens)).ToArray();
        var known = features.Any(x => x.Count > 0);
        if (_members.Count == 1)
        {
            _members[0].Model.Probabilities(features[_members[0].View], probabilities);
            return known;
        }
        probabilities.Clear();
        Span<float> member = probabilities.Length <= 512 ? stackalloc float[probabilities.Length] : new float[probabilities.Length];
        foreach (var m in _members)
        {
            m.Model.Probabilities(features[m.View], member);
            SoftmaxModel.Axpy(1f / _members.Count, member, probabilities);
        }
        return known;
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

    /// <summary>A model and the index of the feature view (extractor) it reads.</summary>
    private sealed record Member(int View, IProbabilityModel Model);
}
