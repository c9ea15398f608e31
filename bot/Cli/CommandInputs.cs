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
        HashSet<string> options = ["--train", "--val", "--oos-label", "--max-reject"];
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
        if (arguments.Value("--train") is not { } trainPath)
        {
            return (null, "--train is required");
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
        var train = LabelledDataFile.Load(trainPath);
        var validation = arguments.Value("--val") is { } valPath ? LabelledDataFile.Load(valPath) : null;
        var test = arguments.Value("--test") is { } testPath ? LabelledDataFile.Load(testPath) : null;
        var failure = new[] { train, validation, test }.FirstOrDefault(r => r?.Error is not null)?.Error;
        return failure is not null
            ? (null, failure)
            : (new CommandInputs(train.Rows, validation?.Rows, test?.Rows, settings, arguments.Has("--json")), null);
    }
}
