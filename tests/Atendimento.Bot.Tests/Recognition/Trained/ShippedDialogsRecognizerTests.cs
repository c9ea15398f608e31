using Atendimento.Bot.Dialogs;
using Atendimento.Bot.Recognition;
using Atendimento.Bot.Recognition.Trained;
using Atendimento.Bot.Tests.Harness;

namespace Atendimento.Bot.Tests.Recognition.Trained;

/// <summary>The recognizer trained on the shipped dialogs, as the bot trains it at start-up.</summary>
public sealed class ShippedDialogsRecognizerTests
{
    private static readonly BotDefinition Shipped = DialogLoader.Load(RepositoryRoot.Dialogs);
    private static readonly IIntentRecognizer Recognizer = new DialogRecognizerTrainer().Create(Shipped.ExamplesByIntent());
    private readonly IIntentRecognizer _recognizer = Recognizer;

    [Theory]
    [InlineData("quero a segunda via do boleto", "segunda_via")]
    [InlineData("segunda via do boletu", "segunda_via")]
    [InlineData("SEGUNDA VIA DO BOLETO!!!", "segunda_via")]
    [InlineData("nao recebi o boleto", "segunda_via")]
    [InlineData("2ª via da fatura", "segunda_via")]
    [InlineData("estou sem conexao", "sem_conexao")]
    [InlineData("minha internet caiuuu", "sem_conexao")]
    [InlineData("caiu a net", "sem_conexao")]
    [InlineData("internet nao funcona", "sem_conexao")]
    [InlineData("quais sao os planoss", "planos")]
    [InlineData("quanto custa a internt", "planos")]
    [InlineData("quero falar com um atendende", "falar_com_atendente")]
    [InlineData("qro falar com uma pesoa", "falar_com_atendente")]
    [InlineData("nao quero falar com robo", "falar_com_atendente")]
    public void Ranks_the_right_intent_first_despite_typos_and_missing_accents(string message, string intent)
    {
        var top = _recognizer.Recognize(message).Top;

        Assert.NotNull(top);
        Assert.Equal(intent, top.Intent);
    }

    [Theory]
    [InlineData("quero a segunda via")]
    [InlineData("estou sem internet")]
    [InlineData("quero falar com um atendente")]
    public void A_message_equal_to_an_example_is_recognised_above_the_answer_threshold(string message) =>
        Assert.True(_recognizer.Recognize(message).Top!.Confidence >= Shipped.Policy.AnswerThreshold);

    [Fact]
    public void A_menu_title_is_recognised_as_its_intent()
    {
        foreach (var option in Shipped.Policy.Menu.Options)
        {
            var top = _recognizer.Recognize(option.Title).Top!;
            Assert.Equal(option.Intent, top.Intent);
            Assert.True(top.Confidence >= Shipped.Policy.AnswerThreshold, $"{option.Title}: {top.Confidence}");
        }
    }

    [Fact]
    public void Candidates_come_best_first_with_one_score_per_intent()
    {
        var candidates = _recognizer.Recognize("boleto da internet").Candidates;

        Assert.Equal(candidates.OrderByDescending(c => c.Confidence).Select(c => c.Intent), candidates.Select(c => c.Intent));
        Assert.Equal(candidates.Count, candidates.Select(c => c.Intent).Distinct().Count());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("?!...")]
    public void Empty_input_gives_no_candidates(string message)
    {
        var result = _recognizer.Recognize(message);

        Assert.Empty(result.Candidates);
        Assert.Null(result.Top);
    }

    [Fact]
    public void Gibberish_stays_below_the_answer_threshold()
    {
        var top = _recognizer.Recognize("xpto qwzk").Top;

        Assert.True(top is null || top.Confidence < Shipped.Policy.AnswerThreshold);
    }

    [Fact]
    public void The_same_dialogs_always_give_the_same_model()
    {
        var again = new DialogRecognizerTrainer().Create(Shipped.ExamplesByIntent());

        Assert.Equal(_recognizer.Recognize("minha net ta lenta").Candidates, again.Recognize("minha net ta lenta").Candidates);
    }
}
