using Atendimento.Bot.Recognition;
using Atendimento.Bot.Recognition.Evaluation;
using Atendimento.Bot.Recognition.Trained;

namespace Atendimento.Bot.Tests.Recognition.Trained;

public sealed class CrossValidationTests
{
    [Fact]
    public void Folds_are_stratified_every_intent_spread_evenly_over_them()
    {
        var folds = CrossValidation.StratifiedFolds(SyntheticIntents.Examples, 5, new Random(3));

        foreach (var intent in SyntheticIntents.Examples.Select(e => e.Intent).Distinct())
        {
            var used = SyntheticIntents.Examples.Select((e, i) => (e, i)).Where(p => p.e.Intent == intent).Select(p => folds[p.i]);
            Assert.Equal([0, 1, 2, 3, 4], used.Order()); // five rows per intent, one in each fold
        }
    }

    [Fact]
    public void Without_held_out_intents_every_row_is_predicted_once_in_scope()
    {
        var predictions = CrossValidation.Predict(SyntheticIntents.Examples, TrainedRecognizerOptions.SingleLogisticRegression, 5, holdOutIntents: false, new Random(3));

        Assert.Equal(SyntheticIntents.Examples.Count, predictions.Count);
        Assert.All(predictions, p => Assert.True(p.Label >= 0));
        Assert.Equal(SyntheticIntents.Examples.Select(e => e.Text).Order(StringComparer.Ordinal), predictions.Select(p => p.Row.Text).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_held_out_intent_is_predicted_by_a_model_that_does_not_know_it()
    {
        var predictions = CrossValidation.Predict(SyntheticIntents.Examples, TrainedRecognizerOptions.SingleLogisticRegression, 3, holdOutIntents: true, new Random(3));

        var simulated = predictions.Where(p => p.Label == FoldPrediction.HeldOutIntent).ToList();
        Assert.Equal(SyntheticIntents.Examples.Count, simulated.Count);
        Assert.All(simulated, p => Assert.Equal(2, p.Raw.Length)); // three intents, one held out of the model
        Assert.All(simulated, p => Assert.NotEqual(p.Row.Intent, p.Predicted));
    }

    [Fact]
    public void An_intent_with_fewer_examples_than_folds_is_out_of_scope_for_the_fold_model_that_never_saw_it()
    {
        List<LabelledExample> rows = [.. SyntheticIntents.Examples, new("quero ver meu contrato", "contrato")];

        var predictions = CrossValidation.Predict(rows, TrainedRecognizerOptions.SingleLogisticRegression, 5, holdOutIntents: false, new Random(3));

        var lone = Assert.Single(predictions, p => p.Row.Intent == "contrato");
        Assert.Equal(FoldPrediction.HeldOutIntent, lone.Label);
        Assert.Equal(rows.Count, predictions.Count);
    }
}
