using Atendimento.Bot.Recognition;
using Atendimento.Bot.Recognition.Evaluation;
using Atendimento.Bot.Recognition.Trained;

namespace Atendimento.Bot.Tests.Recognition.Trained;

public sealed class RecognizerEvaluatorTests
{
    private static readonly EvaluationSettings Settings = new()
    {
        Recognizer = TrainedRecognizerOptions.SingleLogisticRegression,
        OutOfScopeLabel = "fora",
    };

    private static readonly IReadOnlyList<LabelledExample> Validation =
    [
        new("segunda via do boleto", "boleto"), new("internet caiu", "sem_conexao"), new("cancelar contrato", "cancelamento"),
        new("qual a previsao do tempo", "fora"), new("receita de bolo", "fora"),
    ];

    [Fact]
    public void Temperature_and_threshold_do_not_depend_on_the_test_data()
    {
        IReadOnlyList<LabelledExample> easyTest = [new("boleto", "boleto"), new("sem internet", "sem_conexao")];
        IReadOnlyList<LabelledExample> hardTest =
        [
            new("boleto da internet cancelada", "cancelamento"), new("futebol hoje", "fora"), new("boleto boleto", "fora"),
            new("fatura", "fora"), new("wifi", "fora"),
        ];

        var easy = RecognizerEvaluator.Evaluate(SyntheticIntents.Examples, Validation, easyTest, Settings);
        var hard = RecognizerEvaluator.Evaluate(SyntheticIntents.Examples, Validation, hardTest, Settings);

        Assert.NotEqual(easy.Test.InScopeAccuracy, hard.Test.InScopeAccuracy);
        Assert.Equal(easy.Validation.Temperature, hard.Validation.Temperature);
        Assert.Equal(easy.Validation.Threshold, hard.Validation.Threshold);
    }

    [Fact]
    public void Out_of_scope_rows_are_never_trained_on()
    {
        IReadOnlyList<LabelledExample> train = [.. SyntheticIntents.Examples, new("previsao do tempo", "fora")];

        var (model, validation, _, trainCount) = RecognizerEvaluator.Fit(train, Validation, Settings);

        Assert.DoesNotContain("fora", model.Intents);
        Assert.Equal(SyntheticIntents.Examples.Count, trainCount);
        Assert.Equal(2, validation.OutOfScopeCount);
        Assert.Contains("out-of-scope recall", validation.Threshold.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rejected_in_scope_message_counts_as_wrong()
    {
        var model = TrainedIntentRecognizer.Train(SyntheticIntents.Examples, Settings.Recognizer, new Random(1));
        var rejectAll = new RejectionThreshold(1.01, "test");

        var metrics = RecognizerEvaluator.Score(model, SyntheticIntents.Examples, null, rejectAll);

        Assert.Equal(1.0, metrics.AccuracyWithoutRejection);
        Assert.Equal(0.0, metrics.InScopeAccuracy);
        Assert.Equal(1.0, metrics.InScopeRejectionRate);
    }

    [Fact]
    public void Out_of_scope_detection_is_scored_when_the_test_has_out_of_scope_rows()
    {
        var model = TrainedIntentRecognizer.Train(SyntheticIntents.Examples, Settings.Recognizer, new Random(1));
        IReadOnlyList<LabelledExample> test = [new("nao recebi a fatura", "boleto"), new("qwerty zxcv", "fora")];

        var metrics = RecognizerEvaluator.Score(model, test, "fora", new RejectionThreshold(0.99, "test"));

        Assert.Equal(1, metrics.OutOfScopeCount);
        Assert.Equal(1.0, metrics.OutOfScopeRecall);
        Assert.Equal(1.0, metrics.Auroc);
        Assert.Equal(metrics.OutOfScopeF1, ClassificationMetrics.F1(metrics.OutOfScopePrecision!.Value, 1.0));
    }

    [Fact]
    public void Without_a_validation_file_cross_validation_chooses_and_every_intent_is_once_simulated_out_of_scope()
    {
        var (_, validation, _, _) = RecognizerEvaluator.Fit(SyntheticIntents.Examples, null, Settings with { OutOfScopeLabel = null, Folds = 3 });

        // Every row is predicted once in scope by a fold model that knows all intents; in the second pass each of
        // the three intents is held out of exactly one fold's model, so each row comes back once as out of scope.
        Assert.Equal(SyntheticIntents.Examples.Count, validation.SimulatedOutOfScopeCount);
        Assert.Equal(0, validation.OutOfScopeCount);
        Assert.Equal(2 * SyntheticIntents.Examples.Count, validation.Count);
        Assert.Contains("cross-validation", validation.Source, StringComparison.Ordinal);
        Assert.Contains("in-scope validation messages", validation.Threshold.Rule, StringComparison.Ordinal);
        Assert.NotNull(validation.SimulatedOutOfScopeAuroc);
    }
}
