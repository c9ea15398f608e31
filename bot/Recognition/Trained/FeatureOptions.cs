namespace Atendimento.Bot.Recognition.Trained;

/// <summary>
/// One view of a text as features: normalised word n-grams (1..<see cref="WordNgramMax"/>) and character n-grams
/// inside word boundaries (<see cref="CharNgramMin"/>..<see cref="CharNgramMax"/>, the word padded with spaces),
/// weighted by TF-IDF. Each family is L2-normalised on its own and the two are concatenated.
/// </summary>
public sealed record FeatureOptions
{
    /// <summary>Longest word n-gram; 0 turns word features off.</summary>
    public int WordNgramMax { get; init; } = 2;

    /// <summary>Also ordered word pairs up to this many positions apart (2 or more; 0 turns them off).</summary>
    public int WordPairWindow { get; init; }

    public int CharNgramMin { get; init; } = 2;

    /// <summary>Longest character n-gram; 0 turns character features off.</summary>
    public int CharNgramMax { get; init; } = 5;

    /// <summary>Character n-grams run over the whole message (words joined by one space) instead of inside each word.</summary>
    public bool CharsAcrossWords { get; init; }

    /// <summary>Term frequency as 1 + ln(count) instead of the raw count.</summary>
    public bool SublinearTf { get; init; } = true;

    /// <summary>Features seen in fewer training messages are dropped.</summary>
    public int MinDocumentFrequency { get; init; } = 1;

    public static FeatureOptions WordsAndChars { get; } = new();

    public static FeatureOptions WordsOnly { get; } = new() { WordNgramMax = 2, CharNgramMax = 0 };

    public static FeatureOptions CharsOnly { get; } = new() { WordNgramMax = 0, CharNgramMin = 1, CharNgramMax = 5 };

    public override string ToString() =>
        $"words 1-{WordNgramMax}{(WordPairWindow > 1 ? $", pairs within {WordPairWindow}" : "")}, chars {(CharNgramMax == 0 ? "off" : $"{CharNgramMin}-{CharNgramMax}")}{(CharsAcrossWords ? " across words" : "")}" +
        $"{(SublinearTf ? ", sublinear tf" : "")}{(MinDocumentFrequency > 1 ? $", min df {MinDocumentFrequency}" : "")}";
}
