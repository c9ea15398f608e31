using Atendimento.Bot.Dialogs;
using Atendimento.Bot.Dialogs.Signals;
using Atendimento.Bot.Tests.Harness;

namespace Atendimento.Bot.Tests.Dialogs.Signals;

public sealed class LanguageGuessTests
{
    [Theory]
    [InlineData("Hello, I need my bill please", LanguageGuess.English)]
    [InlineData("my internet is not working since yesterday", LanguageGuess.English)]
    [InlineData("can I speak with someone in english?", LanguageGuess.English)]
    [InlineData("How do I pay the bill for this month", LanguageGuess.English)]
    [InlineData("hola, necesito ayuda con mi factura", LanguageGuess.Spanish)]
    [InlineData("buenas tardes, quiero hablar con una persona", LanguageGuess.Spanish)]
    [InlineData("no tengo conexion desde ayer y necesito el servicio", LanguageGuess.Spanish)]
    public void A_message_plainly_in_another_language_is_recognised(string text, string language) =>
        Assert.Equal(language, LanguageGuess.Guess(text));

    [Theory]
    [InlineData("hi")]
    [InlineData("ok thanks")]
    [InlineData("meu wifi is not working, o que eu faço?")]
    [InlineData("quero falar com atendente please")]
    [InlineData("oi, boa noite! minha internet caiu")]
    [InlineData("529.982.247-25")]
    [InlineData("parou ha dias, funciona nada")]
    [InlineData("funciona ha dias?")]
    [InlineData("boas tardes, donde fica a loja")]
    public void Short_mixed_or_portuguese_messages_are_taken_as_portuguese(string text) =>
        Assert.Equal(LanguageGuess.Portuguese, LanguageGuess.Guess(text));

    [Fact]
    public void No_example_utterance_of_the_shipped_dialogs_is_taken_for_a_foreign_language()
    {
        var examples = DialogLoader.Load(RepositoryRoot.Dialogs).Intents.SelectMany(intent => intent.Examples).ToList();

        var foreign = examples.Where(text => LanguageGuess.Guess(text) != LanguageGuess.Portuguese).ToList();

        Assert.True(examples.Count > 250, $"only {examples.Count} examples were read");
        Assert.Empty(foreign);
    }
}
