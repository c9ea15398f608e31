namespace Atendimento.Bot.Recognition;

/// <summary>
/// The spine's recognizer: compares the message with each intent's example utterances by the overlap of
/// character trigrams (robust to typos and missing accents) and of content words, and reports the best match
/// per intent. It is deliberately simple and uncalibrated; the trained recognizer of the triage work replaces it.
/// </summary>
public sealed class ExampleSimilarityRecognizer : IIntentRecognizer
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "o", "as", "os", "um", "uma", "de", "do", "da", "dos", "das", "e", "em", "no", "na", "com", "por", "para",
        "eu", "me", "meu", "minha", "que", "se", "ao", "por", "favor",
    };

    private readonly IReadOnlyList<(string Intent, Example Example)> _examples;

    public ExampleSimilarityRecognizer(IReadOnlyDictionary<string, IReadOnlyList<string>> examplesByIntent)
    {
        _examples = examplesByIntent
            .SelectMany(pair => pair.Value.Select(text => (pair.Key, Example.From(text))))
            .Where(pair => pair.Item2.Words.Count > 0)
            .ToList();
    }

    public RecognitionResult Recognize(string text)
    {
        var message = Example.From(text);
        if (message.Words.Count == 0)
        {
            return new RecognitionResult([]);
        }
        var scores = _examples
            .GroupBy(pair => pair.Intent, StringComparer.Ordinal)
            .Select(group => new IntentScore(group.Key, Math.Round(group.Max(pair => Similarity(message, pair.Example)), 4)))
            .Where(score => score.Confidence > 0)
            .OrderByDescending(score => score.Confidence)
            .ThenBy(score => score.Intent, StringComparer.Ordinal)
            .ToList();
        return new RecognitionResult(scores);
    }

    private static double Similarity(Example message, Example example)
    {
        var words = Dice(message.Words, example.Words);
        var trigrams = Dice(message.Trigrams, example.Trigrams);
        return Math.Max(words, trigrams);
    }

    private static double Dice(IReadOnlySet<string> a, IReadOnlySet<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }
        var shared = a.Count(b.Contains);
        return 2.0 * shared / (a.Count + b.Count);
    }

    private sealed record Example(IReadOnlySet<string> Words, IReadOnlySet<string> Trigrams)
    {
        public static Example From(string text)
        {
            var words = TextNormalizer.Tokens(text).Where(word => !StopWords.Contains(word)).ToList();
            var joined = " " + string.Join(' ', words) + " ";
            var trigrams = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i + 3 <= joined.Length; i++)
            {
                trigrams.Add(joined.Substring(i, 3));
            }
            return new Example(new HashSet<string>(words, StringComparer.Ordinal), trigrams);
        }
    }
}
