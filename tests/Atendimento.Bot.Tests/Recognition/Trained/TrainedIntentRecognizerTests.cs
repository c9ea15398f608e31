using Atendimento.Bot.Recognition.Trained;

namespace Atendimento.Bot.Tests.Recognition.Trained;

public sealed class TrainedIntentRecognizerTests
{
    private static readonly TrainedRecognizerOptions Small = TrainedRecognizerOptions.SingleLogisticRegression with
    {
        Trainer = TrainedRecognizerOptions.LogisticRegression with { Epochs = 30 },
    };

    [Theory]
    [InlineData("cadê meu boleto", "boleto")]
    [InlineData("a fatura nao chegou", "boleto")]
    [InlineData("internet sem sinal", "sem_conexao")]
    [InlineData("o wifi caiu de novo", "sem_conexao")]
    [InlineData("quero cancelar a assinatura", "cancelamento")]
    public void Logistic_regression_separates_the_intents_of_a_small_dataset(string message, string intent)
    {
        var recognizer = TrainedIntentRecognizer.Train(SyntheticIntents.Examples, Small, new Random(1));

        Assert.Equal(intent, recognizer.Recognize(message).Top?.Intent);
    }

    [Theory]
    [InlineData("nao recebi a fatura", "boleto")]
    [InlineData("estou sem conexao", "sem_conexao")]
    [InlineData("como faco para cancelar", "cancelamento")]
    public void The_default_ensemble_separates_them_too(string message, string intent)
    {
        var recognizer = TrainedIntentRecognizer.Train(SyntheticIntents.Examples, new TrainedRecognizerOptions(), new Random(1));

        var top = recognizer.Recognize(message).Top;

        Assert.Equal(intent, top?.Intent);
        Assert.True(top!.Confidence > 0.5, $"confidence {top.Confidence}");
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.5)]
    [InlineData(3.0)]
    public void Calibrated_probabilities_sum_to_one_at_any_temperature(double temperature)
    {
        var recognizer = TrainedIntentRecognizer.Train(SyntheticIntents.Examples, Small, new Random(1)).WithTemperature(temperature);
        var probabilities = new float[recognizer.Intents.Count];

        recognizer.Probabilities("minha internet caiu e quero cancelar", probabilities);

        Assert.Equal(1.0, probabilities.Sum(p => (double)p), 5);
        Assert.All(probabilities, p => Assert.InRange(p, 0f, 1f));
    }

    [Fact]
    public void Candidates_are_ranked_best_first_with_their_confidence()
    {
        var recognizer = TrainedIntentRecognizer.Train(SyntheticIntents.Examples, Small, new Random(1));

        var candidates = recognizer.Recognize("boleto").Candidates;

        Assert.Equal(3, candidates.Count);
        Assert.Equal(candidates.OrderByDescending(c => c.Confidence).Select(c => c.Intent), candidates.Select(c => c.Intent));
        Assert.Equal("boleto", candidates[0].Intent);
    }

    [Theory]
    [InlineData("")]
    [InlineData("!!! ???")]
    [InlineData("kkkk")]
    public void A_message_with_nothing_seen_in_training_has_no_candidates(string message)
    {
        var recognizer = TrainedIntentRecognizer.Train(SyntheticIntents.Examples, Small, new Random(1));

        Assert.Empty(recognizer.Recognize(message).Candidates);
    }

    [Fact]
    public void The_same_seed_trains_the_same_model()
    {
        var first = TrainedIntentRecognizer.Train(SyntheticIntents.Examples, new TrainedRecognizerOptions(), new Random(42));
        var second = TrainedIntentRecognizer.Train(SyntheticIntents.Examples, new TrainedRecognizerOptions(), new Random(42));

        foreach (var message in new[] { "quero cancelar", "sem internet", "fatura", "bom dia" })
        {
            Assert.Equal(first.Recognize(message).Candidates, second.Recognize(message).Candidates);
        }
    }

    [Fact]
    public void A_different_seed_shuffles_differently()
    {
        var first = TrainedIntentRecognizer.Train(SyntheticIntents.Examples, Small, new Random(1));
        var second = TrainedIntentRecognizer.Train(SyntheticIntents.Examples, Small, new Random(2));

        Assert.NotEqual(first.Recognize("bom dia").Candidates, second.Recognize("bom dia").Candidates);
    }
}
