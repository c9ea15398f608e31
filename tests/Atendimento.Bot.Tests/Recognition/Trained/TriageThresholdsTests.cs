using System.Globalization;
using Atendimento.Bot.Cli;
using Atendimento.Bot.Dialogs;
using Atendimento.Bot.Recognition;
using Atendimento.Bot.Recognition.Evaluation;
using Atendimento.Bot.Tests.Harness;

namespace Atendimento.Bot.Tests.Recognition.Trained;

public sealed class TriageThresholdsTests
{
    private static readonly TriageRule Rule = new(Margin: 0.05, MaxCandidates: 3);

    [Theory]
    [InlineData(0.90, 0.05, TriageOutcome.Answered)]
    [InlineData(0.50, 0.48, TriageOutcome.Clarified)] // below the answer threshold, above the clarify one
    [InlineData(0.20, 0.10, TriageOutcome.NotUnderstood)]
    public void The_outcome_follows_the_bots_triage(double top, double second, TriageOutcome expected)
    {
        IReadOnlyList<IntentScore> ranked = [new("planos", top), new("sem_conexao", second)];

        Assert.Equal(expected, TriageThresholds.Outcome(ranked, Rule, answer: 0.7, clarify: 0.3));
    }

    [Fact]
    public void A_confident_rival_within_the_margin_makes_the_bot_ask()
    {
        IReadOnlyList<IntentScore> ranked = [new("planos", 0.80), new("sem_conexao", 0.77)];

        Assert.Equal(TriageOutcome.Clarified, TriageThresholds.Outcome(ranked, Rule, answer: 0.7, clarify: 0.3));
    }

    [Fact]
    public void The_thresholds_separate_confident_in_scope_messages_from_unsure_out_of_scope_ones()
    {
        var inScope = Enumerable.Range(0, 20).Select(i => ((IReadOnlyList<IntentScore>)[new("planos", 0.85 + i * 0.005), new("boleto", 0.05)], "planos")).ToList();
        var outOfScope = Enumerable.Range(0, 20).Select(i => (IReadOnlyList<IntentScore>)[new IntentScore("planos", 0.30 + i * 0.01), new("boleto", 0.2)]).ToList();

        var choice = TriageThresholds.Choose(inScope, outOfScope, Rule);

        Assert.InRange(choice.AnswerThreshold, 0.50, 0.85);
        Assert.Equal(1.0, choice.InScopeAnsweredCorrectly);
        Assert.Equal(0.0, choice.OutOfScopeAnswered);
        Assert.Equal(0.0, choice.OutOfScopeClarified);
    }

    [Fact]
    public void More_out_of_scope_traffic_never_lowers_the_answer_threshold()
    {
        var inScope = Enumerable.Range(0, 40).Select(i => ((IReadOnlyList<IntentScore>)[new("planos", 0.40 + i * 0.015), new("boleto", 0.02)], i % 4 == 0 ? "boleto" : "planos")).ToList();
        var outOfScope = Enumerable.Range(0, 40).Select(i => (IReadOnlyList<IntentScore>)[new IntentScore("planos", 0.30 + i * 0.015), new("boleto", 0.02)]).ToList();

        var few = TriageThresholds.Choose(inScope, outOfScope, Rule with { OutOfScopeShare = 0.1 });
        var many = TriageThresholds.Choose(inScope, outOfScope, Rule with { OutOfScopeShare = 0.6 });

        Assert.True(many.AnswerThreshold >= few.AnswerThreshold, $"{many.AnswerThreshold} < {few.AnswerThreshold}");
        Assert.True(many.OutOfScopeAnswered <= few.OutOfScopeAnswered);
    }

    [Fact]
    public void The_shipped_bot_yaml_holds_the_thresholds_dialogs_tune_chooses()
    {
        var output = new StringWriter();
        var code = DialogsCli.Run(["tune", "--dialogs", RepositoryRoot.Dialogs, "--oos", Path.Combine(RepositoryRoot.Dialogs, "tuning", "out-of-scope.csv")], output, new StringWriter());

        var policy = DialogLoader.Load(RepositoryRoot.Dialogs).Policy;
        Assert.Equal(DialogsCli.Ok, code);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"answerThreshold: {policy.AnswerThreshold:0.00}"), output.ToString(), StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"clarification.threshold: {policy.Clarification!.Threshold:0.00}"), output.ToString(), StringComparison.Ordinal);
    }
}
