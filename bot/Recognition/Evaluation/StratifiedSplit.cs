namespace Atendimento.Bot.Recognition.Evaluation;

/// <summary>Holds out the same fraction of every intent, chosen by the injected <see cref="Random"/>.</summary>
public static class StratifiedSplit
{
    public static (IReadOnlyList<LabelledExample> Train, IReadOnlyList<LabelledExample> Validation) Split(
        IReadOnlyList<LabelledExample> examples, double validationFraction, Random random)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(random);
        var train = new List<LabelledExample>();
        var validation = new List<LabelledExample>();
        foreach (var group in examples.GroupBy(e => e.Intent, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var rows = group.ToArray();
            random.Shuffle(rows);
            // Every intent keeps at least one training example; intents with one example hold none out.
            var held = Math.Min(rows.Length - 1, (int)Math.Round(rows.Length * validationFraction, MidpointRounding.AwayFromZero));
            validation.AddRange(rows.Take(held));
            train.AddRange(rows.Skip(held));
        }
        return (train, validation);
    }
}
