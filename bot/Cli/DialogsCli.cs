namespace Atendimento.Bot.Cli;

/// <summary>
/// <c>dotnet run --project bot -- dialogs &lt;verb&gt;</c>: the designer's tools, run without starting the web host.
/// Exit codes: 0 done, 1 the dialogs have errors or a transcript test failed, 2 bad usage or unreadable input.
/// </summary>
public static class DialogsCli
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadInput = 2;

    private const string Usage = """
        usage: dialogs <verb> [options]
          validate [--dialogs DIR]
              check the dialogs and their transcript tests; print every mistake as file:line: message (exit code 1 on errors)
          test [--dialogs DIR] [--only TEXT]
              run the transcript tests in DIR/tests against the bot in process; print PASS/FAIL with the first difference
              (exit code 1 when one fails). DIR defaults to the dialogs folder of the checkout
          evaluate --train F --test F [--val F] [--oos-label L] [--max-reject R] [--folds K] [--json]
              train on F, choose temperature and rejection threshold on --val (or by K-fold cross-validation of train),
              then report in-scope accuracy, out-of-scope detection and the most confused intents on --test
          train (--train F | --dialogs DIR) [--val F] [--oos-label L] [--max-reject R] [--json]
              train and calibrate, print training time, validation accuracy, temperature and threshold
              (--dialogs trains on a dialogs folder's examples and menu titles, as the bot does; nothing is saved)
          tune --train F [--val F] [--folds K] [--only NAME-PART] [--json]
              compare the candidate configurations by K-fold cross-validation over F (default 5), or on --val
          tune --dialogs DIR --oos F [--oos-share S] [--json]
              choose bot.yaml's answer and clarification thresholds on the dialogs' examples (cross-validated)
              and the out-of-scope messages in F, assumed to be S of traffic (default 0.25)
        files: CSV with a header row (text,intent or text,category) or JSONL ({"text": ..., "intent": ...})
        """;

    /// <summary>Runs the verb in <paramref name="args"/> (after "dialogs") and returns the process exit code.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var verb = args.Count > 0 ? args[0] : "";
        var rest = args.Skip(1).ToList();
        return verb switch
        {
            "validate" => ValidateCommand.Run(rest, output, error),
            "test" => TestCommand.Run(rest, output, error),
            "evaluate" => EvaluateCommand.Run(rest, output, error),
            "train" => TrainCommand.Run(rest, output, error),
            "tune" => TuneCommand.Run(rest, output, error),
            "help" or "--help" or "-h" => Print(output, Usage, Ok),
            _ => Print(error, $"dialogs: unknown verb '{verb}'\n{Usage}", BadInput),
        };
    }

    /// <summary>The entry point Program.cs calls: console writers, exit code.</summary>
    public static int Run(string[] args) => Run(args.Skip(1).ToList(), Console.Out, Console.Error);

    internal static int Print(TextWriter writer, string message, int code)
    {
        writer.WriteLine(message);
        return code;
    }

    internal static int Fail(TextWriter error, string message) => Print(error, $"dialogs: {message}", BadInput);
}
