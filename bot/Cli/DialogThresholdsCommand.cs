using System.Globalization;
using System.Text.Json;
using Atendimento.Bot.Dialogs;
using Atendimento.Bot.Recognition;
using Atendimento.Bot.Recognition.Evaluation;
using Atendimento.Bot.Recognition.Trained;

namespace Atendimento.Bot.Cli;

/// <summary>
/// <c>dialogs tune --dialogs DIR --oos F</c>: chooses bot.yaml's answerThreshold and clarification threshold for the
/// recognizer the bot trains at start-up. In-scope rows are the dialogs' examples, each predicted by a model of the
/// 5-fold cross-validation that never saw it; out-of-scope rows are the messages in F (every row counts as out of
/// scope whatever its label), predicted by the same fold models. Nothing is trained on F.
/// </summary>
internal static class DialogThresholdsCommand
{
    public static int Run(string directory, string? outOfScopePath, double outOfScopeShare, bool json, TextWriter output, TextWriter error)
    {
        var errors = new List<DialogError>();
        var definition = DialogLoader.TryLoad(directory, errors);
        if (definition is null || errors.Count > 0)
        {
            return DialogsCli.Fail(error, string.Join(Environment.NewLine, errors.Select(e => e.ToString()).DefaultIfEmpty($"{directory}: not a dialogs folder")));
        }
        if (outOfScopePath is null)
        {
            return DialogsCli.Fail(error, "tune --dialogs needs --oos FILE: messages the bot should not claim to understand");
        }
        var outOfScope = LabelledDataFile.Load(outOfScopePath);
        if (outOfScope.Error is not null)
        {
            return DialogsCli.Fail(error, outOfScope.Error);
        }
        var choice = Choose(definition, outOfScope.Rows, outOfScopeShare);
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(choice, CliJsonContext.Default.DialogThresholds));
            return DialogsCli.Ok;
        }
        Write(choice, output);
        return DialogsCli.Ok;
    }

    public static DialogThresholds Choose(BotDefinition definition, IReadOnlyList<LabelledExample> outOfScope, double outOfScopeShare)
    {
        var examples = DialogRecognizerTrainer.Examples(definition.ExamplesByIntent());
        var (model, predictions) = DialogRecognizerTrainer.Train(examples, outOfScope);
        var clarification = definition.Policy.Clarification;
        var rule = new TriageRule(clarification?.Margin ?? 0, clarification?.MaxCandidates ?? 0, outOfScopeShare);
        var ranked = predictions.Select(p => (Ranked: p.Ranked(model.Temperature, model.Options.MaxCandidates), p.Row.Intent, p.Label)).ToList();
        IReadOnlyList<(IReadOnlyList<IntentScore> Ranked, string Intent)> inScope = ranked.Where(p => p.Label >= 0).Select(p => (p.Ranked, p.Intent)).ToList();
        IReadOnlyList<IReadOnlyList<IntentScore>> outside = ranked.Where(p => p.Label < 0).Select(p => p.Ranked).ToList();
        var chosen = TriageThresholds.Choose(inScope, outside, rule);
        var current = TriageThresholds.Score(inScope, outside, rule, definition.Policy.AnswerThreshold, clarification?.Threshold ?? definition.Policy.AnswerThreshold);
        return new DialogThresholds(examples.Count, definition.Intents.Count, outOfScope.Count, outOfScopeShare, model.Temperature, rule.Margin, rule.MaxCandidates, chosen, current);
    }

    private static void Write(DialogThresholds result, TextWriter output)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{result.ExampleCount} examples of {result.IntentCount} intents (5-fold out-of-fold predictions), {result.OutOfScopeCount} out-of-scope messages weighed as {result.OutOfScopeShare:P0} of traffic; temperature {result.Temperature:0.000}; margin {result.Margin}, {result.MaxCandidates} candidates"));
        Line(output, "chosen ", result.Chosen);
        Line(output, "bot.yaml", result.Current);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"answerThreshold: {result.Chosen.AnswerThreshold:0.00}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"clarification.threshold: {result.Chosen.ClarifyThreshold:0.00}"));
    }

    private static void Line(TextWriter output, string name, TriageChoice c) => output.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name}: answer >= {c.AnswerThreshold:0.00}, clarify >= {c.ClarifyThreshold:0.00}, score {c.Score:0.000} | in scope: answered right {c.InScopeAnsweredCorrectly:P1}, wrong {c.InScopeAnsweredWrongly:P1}, offered with the intent {c.InScopeClarifiedWithTheIntent:P1} | out of scope: answered {c.OutOfScopeAnswered:P1}, offered {c.OutOfScopeClarified:P1}"));
}

internal sealed record DialogThresholds(
    int ExampleCount, int IntentCount, int OutOfScopeCount, double OutOfScopeShare, double Temperature, double Margin, int MaxCandidates,
    TriageChoice Chosen, TriageChoice Current);
