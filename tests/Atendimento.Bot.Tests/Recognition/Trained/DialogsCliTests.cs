using Atendimento.Bot.Tests.Harness;
using System.Text.Json;
using Atendimento.Bot.Cli;

namespace Atendimento.Bot.Tests.Recognition.Trained;

public sealed class DialogsCliTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("dialogs-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Evaluate_prints_accuracy_thresholds_and_confused_pairs()
    {
        var (code, output, _) = Run("evaluate", "--train", Train(), "--test", TestFile(), "--val", ValidationFile());

        Assert.Equal(DialogsCli.Ok, code);
        Assert.Contains("in-scope accuracy:", output, StringComparison.Ordinal);
        Assert.Contains("accuracy without rejection:", output, StringComparison.Ordinal);
        Assert.Contains("rejection threshold:", output, StringComparison.Ordinal);
        Assert.Contains("temperature:", output, StringComparison.Ordinal);
        Assert.Contains("most confused", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_with_json_prints_a_machine_readable_report()
    {
        var (code, output, _) = Run("evaluate", "--train", Train(), "--test", TestFile(), "--oos-label", "fora", "--json");

        Assert.Equal(DialogsCli.Ok, code);
        using var json = JsonDocument.Parse(output);
        var test = json.RootElement.GetProperty("test");
        Assert.Equal(1, test.GetProperty("outOfScopeCount").GetInt32());
        Assert.InRange(test.GetProperty("inScopeAccuracy").GetDouble(), 0, 1);
        Assert.True(json.RootElement.GetProperty("validation").GetProperty("threshold").TryGetProperty("value", out _));
    }

    [Fact]
    public void Relative_paths_are_resolved_from_the_callers_directory_when_dotnet_run_moved_the_process()
    {
        var repository = RepositoryRoot.Path;
        var botProject = Path.Combine(repository, "bot");
        var elsewhere = Path.GetTempPath();

        // dotnet run starts the bot in bot/: the shell's PWD names where the designer typed the command.
        Assert.Equal(Path.Combine(repository, "data", "train.csv"), CliArguments.ResolveFromCaller(Path.Combine("data", "train.csv"), botProject, repository));
        // Any other working directory was chosen on purpose, and PWD may be stale: it wins.
        Assert.Equal(Path.GetFullPath(Path.Combine(elsewhere, "train.csv")), CliArguments.ResolveFromCaller("train.csv", elsewhere, repository));
        Assert.Equal("/abs/train.csv", CliArguments.ResolveFromCaller("/abs/train.csv", botProject, repository));
    }

    [Fact]
    public void A_missing_file_exits_with_code_2_and_says_which()
    {
        var (code, _, error) = Run("evaluate", "--train", Path.Combine(_directory, "nope.csv"), "--test", TestFile());

        Assert.Equal(DialogsCli.BadInput, code);
        Assert.Contains("nope.csv: file not found", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_csv_line_exits_with_code_2_and_its_line_number()
    {
        var bad = Write("bad.csv", "text,intent\nok,x\n\"broken\"quote,y\n");

        var (code, _, error) = Run("train", "--train", bad);

        Assert.Equal(DialogsCli.BadInput, code);
        Assert.Contains("bad.csv:3:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_on_the_shipped_dialogs_reports_time_and_validation_accuracy()
    {
        var (code, output, _) = Run("train", "--dialogs", Harness.RepositoryRoot.Dialogs);

        Assert.Equal(DialogsCli.Ok, code);
        Assert.Matches(@"trained on \d+ examples, \d+ intents, in [0-9.]+ s", output);
        Assert.Contains("accuracy without rejection:", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("evaluate", "--train")]
    [InlineData("train", "--train", "a.csv", "--dialogs", "dialogs")]
    [InlineData("frobnicate")]
    [InlineData("evaluate", "--bogus", "x")]
    public void Bad_usage_exits_with_code_2(params string[] args)
    {
        Assert.Equal(DialogsCli.BadInput, Run(args).Code);
    }

    private string Train() => Write("train.csv", "text,intent\n" + string.Join('\n',
        SyntheticIntents.Examples.Select(e => $"\"{e.Text}\",{e.Intent}")) + "\nprevisao do tempo,fora\n");

    private string ValidationFile() => Write("val.jsonl", "{\"text\":\"boleto atrasado\",\"intent\":\"boleto\"}\n{\"text\":\"sem internet\",\"intent\":\"sem_conexao\"}\n");

    private string TestFile() => Write("test.csv", "text,intent\nfatura do mes,boleto\ncancelar plano,cancelamento\nreceita de bolo,fora\n");

    private string Write(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = DialogsCli.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
