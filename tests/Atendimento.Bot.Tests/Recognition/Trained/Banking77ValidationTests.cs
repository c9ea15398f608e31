using Atendimento.Bot.Cli;
using Atendimento.Bot.Recognition.Evaluation;
using Atendimento.Bot.Recognition.Trained;
using Atendimento.Bot.Tests.Harness;

namespace Atendimento.Bot.Tests.Recognition.Trained;

/// <summary>
/// One integration-style check on real data: banking77's train.csv, with the stratified validation split that
/// `dialogs evaluate` carves. test.csv is never read by the tests.
/// </summary>
public sealed class Banking77ValidationTests
{
    private static readonly string TrainFile = Path.GetFullPath(Path.Combine(RepositoryRoot.Path, "..", "shared", "data", "banking77", "train.csv"));

    [Fact]
    public void Logistic_regression_reaches_90_percent_on_the_banking77_validation_split()
    {
        var train = LabelledDataFile.Load(TrainFile);
        Assert.Null(train.Error);
        var (fit, validation) = StratifiedSplit.Split(train.Rows, 0.1, new Random(42));

        // Ten epochs keep the test near ten seconds in a Debug build; validation accuracy is the same as with twenty.
        var options = TrainedRecognizerOptions.SingleLogisticRegression with { Trainer = TrainedRecognizerOptions.LogisticRegression with { Epochs = 10 } };
        var model = TrainedIntentRecognizer.Train(fit, options, new Random(42));

        var correct = validation.Count(row => model.Recognize(row.Text).Top?.Intent == row.Intent);
        Assert.True(correct >= 0.9 * validation.Count, $"validation accuracy {(double)correct / validation.Count:P2}");
    }
}
