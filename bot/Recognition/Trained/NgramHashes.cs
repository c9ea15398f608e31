namespace Atendimento.Bot.Recognition.Trained;

/// <summary>
/// Turns normalised tokens into 64-bit FNV-1a hashes of their word and character n-grams, so features are looked
/// up without allocating a string per n-gram. Collisions at 64 bits are negligible for vocabularies of this size.
/// </summary>
internal static class NgramHashes
{
    private const ulong Prime = 1099511628211UL;
    private const ulong WordSeed = 14695981039346656037UL;
    private const ulong CharSeed = 0x9E3779B97F4A7C15UL;
    private const ulong PairSeed = 0xC2B2AE3D27D4EB4FUL;

    public static void Words(IReadOnlyList<string> tokens, int maxN, List<ulong> hashes)
    {
        for (var start = 0; start < tokens.Count; start++)
        {
            var hash = WordSeed;
            for (var n = 1; n <= maxN && start + n <= tokens.Count; n++)
            {
                hash = Add(n == 1 ? hash : Add(hash, '\u0001'), tokens[start + n - 1]);
                hashes.Add(Mix(hash, n));
            }
        }
    }

    /// <summary>Ordered pairs of words 2..<paramref name="window"/> apart (adjacent pairs are the bigrams).</summary>
    public static void SkipPairs(IReadOnlyList<string> tokens, int window, List<ulong> hashes)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var first = Add(Add(PairSeed, tokens[i]), '\u0002');
            for (var j = i + 2; j <= i + window && j < tokens.Count; j++)
            {
                hashes.Add(Add(first, tokens[j]));
            }
        }
    }

    public static void Chars(IReadOnlyList<string> tokens, int minN, int maxN, List<ulong> hashes)
    {
        Span<char> buffer = stackalloc char[66];
        foreach (var token in tokens)
        {
            var padded = token.Length + 2 <= buffer.Length ? buffer[..(token.Length + 2)] : new char[token.Length + 2];
            padded[0] = ' ';
            token.AsSpan().CopyTo(padded[1..]);
            padded[^1] = ' ';
            AddCharNgrams(padded, minN, maxN, hashes);
        }
    }

    /// <summary>Character n-grams of the message as one string, " w1 w2 … ", so they also span word boundaries.</summary>
    public static void CharsAcrossWords(IReadOnlyList<string> tokens, int minN, int maxN, List<ulong> hashes)
    {
        if (tokens.Count == 0)
        {
            return;
        }
        var joined = $" {string.Join(' ', tokens)} ";
        AddCharNgrams(joined, minN, maxN, hashes);
    }

    private static void AddCharNgrams(ReadOnlySpan<char> padded, int minN, int maxN, List<ulong> hashes)
    {
        for (var n = minN; n <= maxN; n++)
        {
            if (n >= padded.Length)
            {
                // A word shorter than n counts once as a whole, as scikit-learn's char_wb analyzer does.
                hashes.Add(Add(CharSeed, padded));
                return;
            }
            for (var start = 0; start + n <= padded.Length; start++)
            {
                hashes.Add(Add(CharSeed, padded.Slice(start, n)));
            }
        }
    }

    private static ulong Add(ulong hash, ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            hash = (hash ^ c) * Prime;
        }
        return hash;
    }

    private static ulong Add(ulong hash, char c) => (hash ^ c) * Prime;

    private static ulong Mix(ulong hash, int n) => (hash ^ (ulong)n) * Prime;
}
