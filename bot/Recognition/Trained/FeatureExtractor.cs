namespace Atendimento.Bot.Recognition.Trained;

/// <summary>
/// Maps a message to a TF-IDF vector over the n-grams seen in training (dictionary-indexed by 64-bit hash).
/// Word features take the indices [0, wordCount), character features follow; each family is L2-normalised.
/// </summary>
public sealed class FeatureExtractor
{
    [ThreadStatic]
    private static Scratch? _scratch;

    private readonly Dictionary<ulong, int> _words;
    private readonly Dictionary<ulong, int> _chars;
    private readonly float[] _idf;

    private FeatureExtractor(FeatureOptions options, Dictionary<ulong, int> words, Dictionary<ulong, int> chars, float[] idf)
    {
        Options = options;
        _words = words;
        _chars = chars;
        _idf = idf;
    }

    public FeatureOptions Options { get; }

    public int FeatureCount => _idf.Length;

    /// <summary>Builds the vocabulary and the inverse document frequencies from the training messages.</summary>
    public static FeatureExtractor Fit(IReadOnlyList<string> texts, FeatureOptions options)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return Fit(texts.Select(TextNormalizer.Tokens).ToList(), options);
    }

    /// <summary>Fits on messages already split into normalised tokens.</summary>
    public static FeatureExtractor Fit(IReadOnlyList<IReadOnlyList<string>> texts, FeatureOptions options)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(options);
        var wordDf = new Dictionary<ulong, int>();
        var charDf = new Dictionary<ulong, int>();
        var scratch = new Scratch();
        foreach (var text in texts)
        {
            scratch.Collect(text, options);
            CountDistinct(scratch.Words, wordDf);
            CountDistinct(scratch.Chars, charDf);
        }
        var words = Index(wordDf, options.MinDocumentFrequency, 0);
        var chars = Index(charDf, options.MinDocumentFrequency, words.Count);
        var idf = new float[words.Count + chars.Count];
        FillIdf(wordDf, words, texts.Count, idf);
        FillIdf(charDf, chars, texts.Count, idf);
        return new FeatureExtractor(options, words, chars, idf);
    }

    public SparseVector Transform(string text) => Transform(TextNormalizer.Tokens(text));

    /// <summary>The vector of already normalised tokens (<see cref="TextNormalizer.Tokens"/>), so views can share them.</summary>
    public SparseVector Transform(IReadOnlyList<string> tokens)
    {
        var scratch = _scratch ??= new Scratch();
        scratch.Collect(tokens, Options);
        scratch.Indices.Clear();
        var wordCount = Lookup(scratch.Words, _words, scratch.Indices);
        Lookup(scratch.Chars, _chars, scratch.Indices);
        if (scratch.Indices.Count == 0)
        {
            return SparseVector.Empty;
        }
        return Weigh(scratch.Indices, wordCount);
    }

    private SparseVector Weigh(List<int> found, int wordCount)
    {
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(found);
        span[..wordCount].Sort();
        span[wordCount..].Sort();
        var distinct = CountRuns(span);
        var indices = new int[distinct];
        var values = new float[distinct];
        var wordDistinct = 0;
        for (int i = 0, k = 0; i < span.Length; k++)
        {
            var run = 1;
            while (i + run < span.Length && span[i + run] == span[i])
            {
                run++;
            }
            indices[k] = span[i];
            values[k] = (Options.SublinearTf ? 1f + MathF.Log(run) : run) * _idf[span[i]];
            wordDistinct += i < wordCount ? 1 : 0;
            i += run;
        }
        Normalize(values.AsSpan(0, wordDistinct));
        Normalize(values.AsSpan(wordDistinct));
        return new SparseVector(indices, values);
    }

    private static int CountRuns(ReadOnlySpan<int> sorted)
    {
        var runs = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            runs += i == 0 || sorted[i] != sorted[i - 1] ? 1 : 0;
        }
        return runs;
    }

    private static void Normalize(Span<float> values)
    {
        var sum = 0f;
        foreach (var v in values)
        {
            sum += v * v;
        }
        if (sum <= 0)
        {
            return;
        }
        var inverse = 1f / MathF.Sqrt(sum);
        foreach (ref var v in values)
        {
            v *= inverse;
        }
    }

    private static int Lookup(List<ulong> hashes, Dictionary<ulong, int> vocabulary, List<int> indices)
    {
        var found = 0;
        foreach (var hash in hashes)
        {
            if (vocabulary.TryGetValue(hash, out var index))
            {
                indices.Add(index);
                found++;
            }
        }
        return found;
    }

    private static void CountDistinct(List<ulong> hashes, Dictionary<ulong, int> documentFrequency)
    {
        foreach (var hash in hashes.Distinct())
        {
            documentFrequency[hash] = documentFrequency.GetValueOrDefault(hash) + 1;
        }
    }

    private static Dictionary<ulong, int> Index(Dictionary<ulong, int> documentFrequency, int minDf, int offset)
    {
        // Dictionary enumeration follows insertion order when nothing was removed: first-seen order, deterministic.
        var index = new Dictionary<ulong, int>();
        foreach (var (hash, df) in documentFrequency)
        {
            if (df >= minDf)
            {
                index[hash] = offset + index.Count;
            }
        }
        return index;
    }

    private static void FillIdf(Dictionary<ulong, int> documentFrequency, Dictionary<ulong, int> index, int documents, float[] idf)
    {
        foreach (var (hash, i) in index)
        {
            idf[i] = (float)(Math.Log((1.0 + documents) / (1.0 + documentFrequency[hash])) + 1.0);
        }
    }

    private sealed class Scratch
    {
        public List<ulong> Words { get; } = new(64);

        public List<ulong> Chars { get; } = new(512);

        public List<int> Indices { get; } = new(512);

        public void Collect(IReadOnlyList<string> tokens, FeatureOptions options)
        {
            Words.Clear();
            Chars.Clear();
            if (options.WordNgramMax > 0)
            {
                NgramHashes.Words(tokens, options.WordNgramMax, Words);
            }
            if (options.WordPairWindow > 1)
            {
                NgramHashes.SkipPairs(tokens, options.WordPairWindow, Words);
            }
            if (options.CharNgramMax > 0)
            {
                if (options.CharsAcrossWords)
                {
                    NgramHashes.CharsAcrossWords(tokens, options.CharNgramMin, options.CharNgramMax, Chars);
                }
                else
                {
                    NgramHashes.Chars(tokens, options.CharNgramMin, options.CharNgramMax, Chars);
                }
            }
        }
    }
}
