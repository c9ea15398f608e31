using Atendimento.Bot.Cli;
using Atendimento.Bot.Dialogs.Transcripts;
using Atendimento.Bot.Tests.Harness;

namespace Atendimento.Bot.Tests.Dialogs;

/// <summary><c>dialogs validate</c> and <c>dialogs test</c>: the shipped dialogs and transcripts pass, and mistakes are printed where they are.</summary>
public sealed class DesignerCliTests : IDisposable
{
    private const string Transcript = """
        transcripts:
          - name: boleto com CPF
            turns:
              - user: boleto
                bot: ["CPF?"]
              - user: "529.982.247-25"
                bot: ["Seu CPF é 52998224725"]
          - name: boleto sem CPF
            turns:
              - user: boleto
                bot: ["CPF?"]
                handoff: { reason: dialog_rule }
        """;

    private readonly DialogFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Every_shipped_transcript_test_passes()
    {
        var (code, output) = Run("test", "--dialogs", RepositoryRoot.Dialogs);

        Assert.True(code == DialogsCli.Ok, output);
        var files = Directory.GetFiles(Path.Combine(RepositoryRoot.Dialogs, "tests")).Select(Path.GetFileName);
        Assert.All(files, file => Assert.Contains($"PASS {file}: ", output, StringComparison.Ordinal));
        Assert.DoesNotContain("FAIL", output, StringComparison.Ordinal);
        Assert.Matches(@"\d+ transcripts: \d+ passed, 0 failed", output);
    }

    [Fact]
    public async Task Every_shipped_intent_is_started_by_some_transcript()
    {
        await using var harness = new ConversationHarness();
        var (definition, recognizer) = harness.Catalog.Current;
        var said = TranscriptReader.ReadFolder(RepositoryRoot.Dialogs, []).SelectMany(t => t.Turns).Select(turn => turn.User).OfType<string>().ToList();

        var started = said.Select(text => recognizer.Recognize(text).Top).Where(top => top is not null && top.Confidence >= definition.Policy.AnswerThreshold).Select(top => top!.Intent);

        Assert.Equal(definition.Intents.Select(i => i.Name).Order(StringComparer.Ordinal), started.Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_failing_transcript_prints_its_first_difference_with_file_and_line_and_exits_1()
    {
        _folder.Write("tests/boleto.yaml", Transcript);

        var (code, output) = Run("test", "--dialogs", _folder.Root);

        Assert.Equal(DialogsCli.Failed, code);
        var file = _folder.PathOf("tests/boleto.yaml");
        Assert.Contains($"FAIL boleto.yaml: boleto com CPF\n     {file}:{DialogFolder.LineOf(Transcript, "529.982")}: turn 2 (user \"529.982.247-25\"): reply 1: expected \"Seu CPF é 52998224725\", got \"CPF 52998224725\"", output, StringComparison.Ordinal);
        Assert.Contains("turn 1 (user \"boleto\"): expected a handoff (reason dialog_rule), but there was none", output, StringComparison.Ordinal);
        Assert.Contains("2 transcripts: 0 passed, 2 failed", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Unexpected_replies_and_choices_are_differences()
    {
        var yaml = """
            transcripts:
              - name: menu
                turns:
                  - join: true
                    bot:
                      - "Oi!"
                      - text: "Escolha:"
                        choices: ["Fatura"]
              - name: curto
                turns:
                  - user: boleto
            """;
        _folder.Write("tests/menu.yaml", yaml);

        var (code, output) = Run("test", "--dialogs", _folder.Root);

        Assert.Equal(DialogsCli.Failed, code);
        Assert.Contains("reply 2 choices: expected [Fatura], got [Boleto]", output, StringComparison.Ordinal);
        Assert.Contains("unexpected reply 1: \"CPF?\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bot_framework_transcript_is_run_as_a_test_and_its_differences_point_at_the_activity()
    {
        var transcript = """
            {"transcript": [
              {"type": "conversationUpdate", "from": {"id": "u", "role": "user"}, "recipient": {"id": "b", "role": "bot"}, "membersAdded": [{"id": "u"}]},
              {"type": "message", "from": {"id": "b", "role": "bot"}, "recipient": {"id": "u", "role": "user"}, "text": "Oi!"},
              {"type": "message", "from": {"id": "b", "role": "bot"}, "recipient": {"id": "u", "role": "user"}, "text": "Escolha:",
               "suggestedActions": {"actions": [{"type": "imBack", "title": "Boleto", "value": "Boleto"}]}},
              {"type": "typing", "from": {"id": "b", "role": "bot"}, "recipient": {"id": "u", "role": "user"}},
              {"from": {"id": "u", "role": "user"}, "text": "sem tipo: ignorado"},
              {"type": "message", "from": {"id": "u", "role": "user"}, "recipient": {"id": "b", "role": "bot"}, "text": "boleto"},
              {"type": "message", "from": {"id": "b", "role": "bot"}, "recipient": {"id": "u", "role": "user"}, "text": "CPF?"},
              {"type": "message", "from": {"id": "u", "role": "user"}, "recipient": {"id": "b", "role": "bot"}, "text": "52998224725"},
              {"type": "message", "from": {"id": "b", "role": "bot"}, "recipient": {"id": "u", "role": "user"}, "text": "Seu CPF é 52998224725"}
            ]}
            """;
        _folder.Write("tests/gravado.transcript", transcript);

        var (code, output) = Run("test", "--dialogs", _folder.Root);

        Assert.Equal(DialogsCli.Failed, code);
        Assert.Contains($"{_folder.PathOf("tests/gravado.transcript")}:{DialogFolder.LineOf(transcript, "\"52998224725\"}")}: turn 3 (user \"52998224725\"): reply 1: expected \"Seu CPF é 52998224725\", got \"CPF 52998224725\"", output, StringComparison.Ordinal);

        // The recording is strict about buttons too: the menu comes back as suggestions when the dialog ends.
        _folder.Write("tests/gravado.transcript", transcript.Replace("\"text\": \"Seu CPF é 52998224725\"", "\"text\": \"CPF 52998224725\"", StringComparison.Ordinal));
        Assert.Contains("reply 1 choices: expected [], got [Boleto]", Run("test", "--dialogs", _folder.Root).Output, StringComparison.Ordinal);
        _folder.Write("tests/gravado.transcript", transcript.Replace("\"text\": \"Seu CPF é 52998224725\"", "\"text\": \"CPF 52998224725\", \"suggestedActions\": {\"actions\": [{\"title\": \"Boleto\"}]}", StringComparison.Ordinal));
        var (fixedCode, fixedOutput) = Run("test", "--dialogs", _folder.Root);
        Assert.True(fixedCode == DialogsCli.Ok, fixedOutput);
        Assert.Contains("PASS gravado.transcript: gravado", fixedOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transcripts_reach_backends_named_in_the_environment_and_stay_on_the_in_memory_stores()
    {
        await using var backend = await Http.StubBackend.StartAsync((context, _) => Http.StubBackend.Json(context, """{"status":"ativo"}"""));
        _folder.Write("intents/status.yaml", DialogFolder.Steps("  - http: erp\n    path: /status\n    map:\n      situacao: status\n  - say: \"Contrato {situacao}\"\n").Replace("extra", "status", StringComparison.Ordinal));
        _folder.Write("tests/status.yaml", "transcripts:\n  - name: status\n    turns:\n      - user: status\n        bot: [\"Contrato ativo\"]\n");
        string[] variables = ["Dialogs__Backends__erp__BaseUrl", "ConnectionStrings__Postgres"];
        Environment.SetEnvironmentVariable(variables[0], backend.BaseUrl);
        Environment.SetEnvironmentVariable(variables[1], "Host=192.0.2.1;Port=1;Timeout=1");
        try
        {
            var (code, output) = Run("test", "--dialogs", _folder.Root, "--only", "status");

            Assert.True(code == DialogsCli.Ok, output);
            Assert.Equal("/status", Assert.Single(backend.Requests).Path);
        }
        finally
        {
            Array.ForEach(variables, name => Environment.SetEnvironmentVariable(name, null));
        }
    }

    [Fact]
    public void Validate_accepts_the_shipped_dialogs()
    {
        var (code, output) = Run("validate", "--dialogs", RepositoryRoot.Dialogs);

        Assert.Equal(DialogsCli.Ok, code);
        Assert.Contains("9 intents", output, StringComparison.Ordinal);
        Assert.Contains("no errors", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_prints_every_error_of_dialogs_and_transcripts_and_exits_1()
    {
        var intent = DialogFolder.Steps("  - sya: \"oi\"\n  - say: \"{nada}\"\n");
        var transcript = "transcripts:\n  - name: sem turnos\n    turns:\n      - bot: [\"oi\"]\n";
        _folder.Write("intents/extra.yaml", intent).Write("tests/quebrado.yaml", transcript);

        var (code, output) = Run("validate", "--dialogs", _folder.Root);

        Assert.Equal(DialogsCli.Failed, code);
        Assert.Contains($"{_folder.PathOf("intents/extra.yaml")}:{DialogFolder.LineOf(intent, "sya")}: unknown step", output, StringComparison.Ordinal);
        Assert.Contains($"{_folder.PathOf("intents/extra.yaml")}:{DialogFolder.LineOf(intent, "{nada}")}: unknown variable 'nada'", output, StringComparison.Ordinal);
        Assert.Contains($"{_folder.PathOf("tests/quebrado.yaml")}:{DialogFolder.LineOf(transcript, "- bot")}: a turn needs either 'user'", output, StringComparison.Ordinal);
        Assert.Contains("3 error(s)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Test_on_invalid_dialogs_runs_nothing_and_exits_1()
    {
        _folder.Write("intents/extra.yaml", DialogFolder.Steps("  - sya: \"oi\"\n")).Write("tests/boleto.yaml", Transcript);

        var (code, output) = Run("test", "--dialogs", _folder.Root);

        Assert.Equal(DialogsCli.Failed, code);
        Assert.Contains("no transcript ran", output, StringComparison.Ordinal);
        Assert.DoesNotContain("PASS", output, StringComparison.Ordinal);
    }

    private static (int Code, string Output) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = DialogsCli.Run(args, output, error);
        return (code, output.ToString().ReplaceLineEndings("\n") + error);
    }
}
