namespace Atendimento.Bot.Recognition.Evaluation;

/// <summary>What validation chose: the temperature and the rejection threshold, and how the model did there.</summary>
public sealed record ValidationSummary(
    string Source, int Count, int OutOfScopeCount, double Accuracy, double InScopeAccuracy, double Temperature,
    double NllBeforeCalibration, double NllAfterCalibration, RejectionThreshold Threshold);

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
