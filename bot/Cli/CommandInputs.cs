using System.Globalization;
using Atendimento.Bot.Recognition;
using Atendimento.Bot.Recognition.Evaluation;

namespace Atendimento.Bot.Cli;

/// <summary>The options the dialogs verbs share, parsed and with their files loaded.</summary>
internal sealed record CommandInputs(
    IReadOnlyList<LabelledExample> Train, IReadOnlyList<LabelledExample>? Validation, IReadOnlyList<LabelledExample>? Test,
    EvaluationSettings Settings, bool Json)
{
    private static readonly HashSet<string> Flags = ["--json"];

    public static (CommandInputs? Inputs, string? Error) Parse(IReadOnlyList<string> args, bool needsTest)
    {
        HashSet<string> options = ["--train", "--val", "--oos-label", "--max-reject", "--dialogs", "--folds"];
        if (needsTest)
        {
            options.Add("--test");
        }
        var (arguments, error) = CliArguments.Parse(args, options, Flags);
        if (arguments is null)
        {
            return (null, error);
        }
        return Load(arguments, needsTest);
    }

    private static (CommandInputs? Inputs, string? Error) Load(CliArguments arguments, bool needsTest)
    {
        var trainPath = arguments.Path("--train");
        var dialogsPath = arguments.Path("--dialogs");
        if ((trainPath is null) == (dialogsPath is null))
        {
            return (null, "give either --train FILE or --dialogs FOLDER");
        }
        if (needsTest && arguments.Value("--test") is null)
        {
            return (null, "--test is required");
        }
        var settings = new EvaluationSettings { OutOfScopeLabel = arguments.Value("--oos-label") };
        if (arguments.Value("--max-reject") is { } maxReject)
        {
            if (!double.TryParse(maxReject, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) || rate is < 0 or >= 1)
            {
                return (null, "--max-reject must be a fraction in [0, 1), e.g. 0.01");
            }
            settings = settings with { MaxInScopeRejection = rate };
        }
        if (arguments.Value("--folds") is { } foldsText)
        {
            if (!int.TryParse(foldsText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var folds) || folds is < 2 or > 20)
            {
                return (null, "--folds must be a whole number from 2 to 20");
            }
            settings = settings with { Folds = folds };
        }
        var train = trainPath is not null ? LabelledDataFile.Load(trainPath) : DialogExamples(dialogsPath!);
        var validation = arguments.Path("--val") is { } valPath ? LabelledDataFile.Load(valPath) : null;
        var test = arguments.Path("--test") is { } testPath ? LabelledDataFile.Load(testPath) : null;
        var failure = new[] { train, validation, test }.FirstOrDefault(r => r?.Error is not null)?.Error;
        return failure is not null
            ? (null, failure)
            : (new CommandInputs(train.Rows, validation?.Rows, test?.Rows, settings, arguments.Has("--json")), null);
    }

    /// <summary>The examples (and menu titles) of a dialogs folder, the same set the bot's recognizer learns from.</summary>
    private static LoadResult DialogExamples(string directory)
    {
        var errors = new List<Dialogs.DialogError>();
        var definition = Dialogs.DialogLoader.TryLoad(directory, errors);
        if (definition is null || errors.Count > 0)
        {
            return LoadResult.Failed(string.Join(Environment.NewLine, errors.Select(e => e.ToString()).DefaultIfEmpty($"{directory}: not a dialogs folder")));
        }
        var rows = definition.ExamplesByIntent().SelectMany(pair => pair.Value.Select(text => new LabelledExample(text, pair.Key))).ToList();
        return new LoadResult(rows, null);
    }
}
