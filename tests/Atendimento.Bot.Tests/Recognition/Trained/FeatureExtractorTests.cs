using Atendimento.Bot.Recognition.Trained;

namespace Atendimento.Bot.Tests.Recognition.Trained;

public sealed class FeatureExtractorTests
{
    private static readonly FeatureOptions Unigrams = new() { WordNgramMax = 1, CharNgramMax = 0 };

    [Fact]
    public void Word_features_are_unigrams_and_bigrams_of_the_normalised_tokens()
    {
        var extractor = FeatureExtractor.Fit(["a b c"], FeatureOptions.WordsOnly);

        Assert.Equal(5, extractor.FeatureCount); // a, b, c, "a b", "b c"
    }

    [Fact]
    public void Word_pairs_skip_over_the_words_between_them_within_the_window()
    {
        var extractor = FeatureExtractor.Fit(["a b c d"], Unigrams with { WordPairWindow = 3 });

        Assert.Equal(7, extractor.FeatureCount); // 4 words + (a,c), (a,d), (b,d)
    }

    [Fact]
    public void Character_ngrams_stay_inside_word_boundaries()
    {
        var trigrams = new FeatureOptions { WordNgramMax = 0, CharNgramMin = 3, CharNgramMax = 3 };

        Assert.Equal(2, FeatureExtractor.Fit(["ab"], trigrams).FeatureCount); // " ab", "ab "
        Assert.Equal(4, FeatureExtractor.Fit(["ab cd"], trigrams).FeatureCount); // nothing spans "b c"
    }

    [Fact]
    public void Character_ngrams_across_words_also_span_the_space_between_them()
    {
        var trigrams = new FeatureOptions { WordNgramMax = 0, CharNgramMin = 3, CharNgramMax = 3, CharsAcrossWords = true };

        Assert.Equal(5, FeatureExtractor.Fit(["ab cd"], trigrams).FeatureCount); // " ab", "ab ", "b c", " cd", "cd "
    }

    [Fact]
    public void Case_accents_and_repeated_letters_give_the_same_vector()
    {
        var extractor = FeatureExtractor.Fit(["não recebi o boleto"], FeatureOptions.WordsAndChars);

        var plain = extractor.Transform("nao recebi o boleto");
        var shouted = extractor.Transform("NÃO RECEBIII O BOLETO!!!");

        Assert.Equal(plain.Indices, shouted.Indices);
        Assert.Equal(plain.Values, shouted.Values);
    }

    [Fact]
    public void Vectors_have_sorted_distinct_indices_and_unit_length_per_feature_family()
    {
        var extractor = FeatureExtractor.Fit(["card card arrived", "card lost"], FeatureOptions.WordsOnly);

        var vector = extractor.Transform("card card arrived late");

        Assert.Equal(vector.Indices.Order().Distinct(), vector.Indices);
        Assert.Equal(1.0, vector.Values.Sum(v => (double)v * v), 5);
    }

    [Fact]
    public void Sublinear_tf_weighs_a_repeated_word_less_than_its_count()
    {
        var options = Unigrams with { SublinearTf = true };
        var extractor = FeatureExtractor.Fit(["card lost", "card found", "lost"], options);
        var raw = FeatureExtractor.Fit(["card lost", "card found", "lost"], options with { SublinearTf = false });

        var sublinear = extractor.Transform("card card card card lost");
        var counted = raw.Transform("card card card card lost");

        // Raw counts let "card" drown "lost"; 1 + ln 4 keeps "lost" visible.
        Assert.True(sublinear.Values.Min() > counted.Values.Min());
    }

    [Fact]
    public void Words_never_seen_in_training_give_an_empty_vector()
    {
        var extractor = FeatureExtractor.Fit(["boleto"], Unigrams);

        Assert.Equal(0, extractor.Transform("xyz qwerty").Count);
    }
}
