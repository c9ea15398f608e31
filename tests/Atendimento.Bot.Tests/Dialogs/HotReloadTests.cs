using Atendimento.Bot.Recognition.Trained;
using System.Collections.Concurrent;
using Atendimento.Bot.Dialogs;
using Atendimento.Bot.Tests.Harness;
using Atendimento.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Atendimento.Bot.Tests.Dialogs;

/// <summary>Watching a dialogs folder: a valid edit swaps the catalog and retrains the recognizer; an invalid one keeps the last good version and logs why.</summary>
public sealed class HotReloadTests : IDisposable
{
    private const string Planos = """
        intent: planos
        title: Planos
        examples: [quais os planos de internet, quero ver os planos]
        steps:
          - say: "Temos 300 Mega e 1 Giga."
        """;

    private readonly DialogFolder _folder = new();
    private readonly RecordingLogger _log = new();
    private readonly DialogCatalog _catalog;

    public HotReloadTests() => _catalog = new DialogCatalog(
        Options.Create(new DialogOptions { Directory = _folder.Root, Watch = true }),
        new ConversationHarness.TestHostEnvironment(_folder.Root), new DialogRecognizerTrainer(), _log, TimeProvider.System);

    public void Dispose()
    {
        _catalog.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task A_valid_edit_swaps_the_dialogs_and_retrains_the_recognizer()
    {
        Assert.Null(_catalog.Current.Definition.Find("planos"));

        _folder.Write("intents/planos.yaml", Planos);

        await Eventually.TrueAsync(() => Task.FromResult(_catalog.Current.Definition.Find("planos") is not null), "the new intent to be loaded");
        Assert.Equal("planos", _catalog.Current.Recognizer.Recognize("quais os planos de internet").Top?.Intent);
        Assert.Empty(_catalog.LastReloadErrors);
    }

    [Fact]
    public async Task An_invalid_edit_keeps_the_last_good_version_running_and_logs_every_error_at_its_line()
    {
        var good = _catalog.Current;
        var broken = DialogFolder.ValidIntent.Replace("validator: cpf", "validator: cnpj", StringComparison.Ordinal) + "\n  - sya: \"oi\"\n";

        _folder.Write("intents/boleto.yaml", broken);

        await Eventually.TrueAsync(() => Task.FromResult(_catalog.LastReloadErrors.Count == 2), "the reload to be refused");
        Assert.Same(good, _catalog.Current);
        var file = _folder.PathOf("intents/boleto.yaml");
        string[] expected = [$"{file}:{DialogFolder.LineOf(broken, "cnpj")}: unknown validator", $"{file}:{DialogFolder.LineOf(broken, "sya")}: unknown step"];
        Assert.All(expected, line => Assert.Contains(_log.Lines, logged => logged.StartsWith(line, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task After_an_invalid_edit_a_fix_is_picked_up()
    {
        _folder.Write("intents/planos.yaml", "intent: planos\n");
        await Eventually.TrueAsync(() => Task.FromResult(_catalog.LastReloadErrors.Count > 0), "the broken file to be refused");

        _folder.Write("intents/planos.yaml", Planos);

        await Eventually.TrueAsync(() => Task.FromResult(_catalog.Current.Definition.Find("planos") is not null), "the fixed intent to be loaded");
        Assert.Empty(_catalog.LastReloadErrors);
    }

    [Fact]
    public async Task An_http_step_naming_a_backend_missing_from_configuration_is_logged_at_its_line()
    {
        var yaml = DialogFolder.Steps("  - http: erp\n    path: /status\n");

        _folder.Write("intents/extra.yaml", yaml);

        await Eventually.TrueAsync(() => Task.FromResult(_catalog.Current.Definition.Find("extra") is not null), "the new intent to be loaded");
        var expected = $"{_folder.PathOf("intents/extra.yaml")}:{DialogFolder.LineOf(yaml, "http: erp")}: backend 'erp' is not configured";
        Assert.Contains(_log.Lines, line => line.StartsWith(expected, StringComparison.Ordinal));
    }

    private sealed class RecordingLogger : ILogger<DialogCatalog>
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyList<string> Lines => [.. _lines];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _lines.Enqueue(formatter(state, exception));
    }
}
