namespace Atendimento.Bot.Recognition.Evaluation;

/// <summary>What validation chose: the temperature and the rejection threshold, and how the model did there.</summary>
public sealed record ValidationSummary(
    string Source, int Count, int OutOfScopeCount, double Accuracy, double InScopeAccuracy, double Temperature,
    double NllBeforeCalibration, double NllAfterCalibration, RejectionThreshold Threshold)
{
    /// <summary>Rows of intents held out of a cross-validation fold's model: out-of-scope messages we did not have to write.</summary>
    public int SimulatedOutOfScopeCount { get; init; }

    /// <summary>Share of the simulated out-of-scope rows the chosen threshold rejects.</summary>
    public double? SimulatedOutOfScopeRecall { get; init; }

    /// <summary>AUROC of the calibrated top probability, in-scope vs simulated out-of-scope rows.</summary>
    public double? SimulatedOutOfScopeAuroc { get; init; }
}

public sealed record ConfusedPair(string Expected, string Predicted, int Count);

/// <summary>Figures on one labelled set, with the rejection threshold applied.</summary>
public sealed record SetMetrics(
    int Count, int InScopeCount, int OutOfScopeCount,
    double InScopeAccuracy, double AccuracyWithoutRejection, double InScopeRejectionRate,
    double? OutOfScopeRecall, double? OutOfScopePrecision, double? OutOfScopeF1, double? Auroc,
    IReadOnlyList<ConfusedPair> MostConfused);

public sealed record EvaluationReport(
    string Configuration, int TrainCount, int IntentCount, double TrainingSeconds,
    ValidationSummary Validation, SetMetrics Test);
