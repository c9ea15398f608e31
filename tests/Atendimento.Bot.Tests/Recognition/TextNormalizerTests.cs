using Atendimento.Bot.Recognition;

namespace Atendimento.Bot.Tests.Recognition;

public sealed class TextNormalizerTests
{
    [Theory]
    [InlineData("QUERO A SEGUNDA VIA", "quero a segunda via")]
    [InlineData("Boleto Atrasado", "boleto atrasado")]
    public void Folds_upper_case_to_lower_case(string input, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(input));

    [Theory]
    [InlineData("Não consegui", "nao consegui")]
    [InlineData("conexão ÁGUA você é", "conexao agua voce e")]
    [InlineData("ação, pôr, têm, güe", "acao por tem gue")]
    [InlineData("2ª via, 1º boleto", "2a via 1o boleto")]
    public void Removes_accents(string input, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(input));

    [Theory]
    [InlineData("vc", "voce")]
    [InlineData("q", "que")]
    [InlineData("pq", "porque")]
    [InlineData("td", "tudo")]
    [InlineData("net", "internet")]
    [InlineData("VC", "voce")]
    public void Expands_chat_abbreviations(string input, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(input));

    [Fact]
    public void Expands_abbreviations_only_as_whole_words() =>
        Assert.Equal("voce tem internet netflix queijo", TextNormalizer.Normalize("vc tem net netflix queijo"));

    [Theory]
    [InlineData("oiiiii", "oi")]
    [InlineData("oii", "oi")]
    [InlineData("ajudaaaa", "ajuda")]
    [InlineData("socorrrrro", "socorro")]
    public void Squeezes_letters_repeated_for_emphasis(string input, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(input));

    [Theory]
    [InlineData("carro")]
    [InlineData("passo")]
    [InlineData("voo")]
    [InlineData("leem")]
    public void Keeps_the_double_letters_portuguese_spells(string word) =>
        Assert.Equal(word, TextNormalizer.Normalize(word));

    [Theory]
    [InlineData("Oi, tudo bem?!", "oi tudo bem")]
    [InlineData("...segunda-via...", "segunda via")]
    [InlineData("  minha   internet\tcaiu!!! ", "minha internet caiu")]
    [InlineData("2ª via: R$ 99,90", "2a via r 99 90")]
    public void Turns_punctuation_and_spacing_into_single_spaces(string input, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(input));

    [Theory]
    [InlineData("")]
    [InlineData("?!... 👋")]
    public void Text_without_letters_or_digits_has_no_tokens(string input) =>
        Assert.Empty(TextNormalizer.Tokens(input));
}
