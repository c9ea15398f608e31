using Atendimento.Bot.Dialogs.Http;
using Atendimento.Bot.Recognition;
using Atendimento.Bot.Recognition.Trained;
using Microsoft.Extensions.Options;

namespace Atendimento.Bot.Dialogs;

public sealed class DialogOptions
{
    public const string Section = "Dialogs";

    /// <summary>The dialogs folder; relative paths are resolved against the content root, then the binary's folder.</summary>
    public string Directory { get; set; } = "dialogs";

    /// <summary>Reload the dialogs when their files change; unset means only in the Development environment.</summary>
    public bool? Watch { get; set; }

    /// <summary>The business backends http steps may call, by the name the step gives.</summary>
    public Dictionary<string, DialogBackendOptions> Backends { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>The loaded dialogs and the recognizer trained on their examples, swapped together as one snapshot.</summary>
public sealed record LoadedDialogs(BotDefinition Definition, IIntentRecognizer Recognizer);

/// <summary>
/// The dialogs the bot runs. Loaded at start-up (an invalid folder stops the start with every error listed); when
/// watching (development), a valid edit swaps in a new snapshot for the turns that follow, and an invalid one
/// keeps the last good snapshot and logs every error.
/// </summary>
public sealed partial class DialogCatalog : IDisposable
{
    private readonly ILogger<DialogCatalog> _logger;
    private readonly Lock _reloading = new();
    private readonly DialogFolderWatcher? _watcher;
    private readonly IReadOnlyDictionary<string, DialogBackendOptions> _backends;
    private readonly IIntentRecognizerFactory _recognizers;
    private volatile LoadedDialogs _current;

    public DialogCatalog(IOptions<DialogOptions> options, IHostEnvironment environment, IIntentRecognizerFactory recognizers, ILogger<DialogCatalog> logger, TimeProvider clock)
    {
        _logger = logger;
        _recognizers = recognizers;
        _backends = options.Value.Backends;
        Directory = ResolveDirectory(options.Value.Directory, environment.ContentRootPath);
        _current = Build(DialogLoader.Load(Directory));
        WarnOfUnconfiguredBackends(_current.Definition);
        if (options.Value.Watch ?? environment.IsDevelopment())
        {
            _watcher = DialogFolderWatcher.Start(Directory, clock, () => Reload(), logger);
        }
    }

    public string Directory { get; }

    public LoadedDialogs Current => _current;

    /// <summary>Why the newest reload was refused; empty after a successful one.</summary>
    public IReadOnlyList<DialogError> LastReloadErrors { get; private set; } = [];

    /// <summary>Snapshots swapped in since start-up.</summary>
    public int Reloads { get; private set; }

    /// <summary>Loads the folder again: swaps the snapshot when it is valid, keeps the current one when not. True when swapped.</summary>
    public bool Reload()
    {
        lock (_reloading)
        {
            var errors = new List<DialogError>();
            var definition = TryLoad(errors);
            if (errors.Count > 0 || definition is null)
            {
                LastReloadErrors = errors;
                LogReloadRefused(errors.Count);
                errors.ForEach(error => LogReloadError(error.File, error.Line, error.Message));
                return false;
            }
            // Warned before the swap: whoever sees the new dialogs can already read what is wrong with them.
            WarnOfUnconfiguredBackends(definition);
            _current = Build(definition);
            LastReloadErrors = [];
            Reloads++;
            LogReloaded(definition.Intents.Count);
            return true;
        }
    }

    public void Dispose() => _watcher?.Dispose();

    /// <summary>
    /// Backends live in configuration, which the dialog files (and <c>dialogs validate</c>) cannot see: an http step
    /// naming one that is missing would fail on every call, so say so at load time.
    /// </summary>
    private void WarnOfUnconfiguredBackends(BotDefinition definition)
    {
        foreach (var intent in definition.Intents)
        {
            foreach (var http in DialogStep.Walk(intent.Steps).Select(entry => entry.Step).OfType<HttpStep>().Where(http => !_backends.ContainsKey(http.Backend)))
            {
                LogBackendMissing(intent.File, http.Line, http.Backend);
            }
        }
    }

    /// <summary>A file caught in the middle of an editor's save cannot be read: that is an error, not a crash.</summary>
    private BotDefinition? TryLoad(List<DialogError> errors)
    {
        try
        {
            return DialogLoader.TryLoad(Directory, errors);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            errors.Add(new DialogError(Directory, 1, $"could not read the dialogs: {exception.Message}"));
            return null;
        }
    }

    /// <summary>The recognizer is trained from the definition's examples, so the two are swapped together.</summary>
    private LoadedDialogs Build(BotDefinition definition) =>
        new(definition, _recognizers.Create(definition.ExamplesByIntent()));

    private static string ResolveDirectory(string configured, string contentRoot)
    {
        if (Path.IsPathRooted(configured))
        {
            return configured;
        }
        string[] candidates = [Path.Combine(contentRoot, configured), Path.Combine(contentRoot, "..", configured), Path.Combine(AppContext.BaseDirectory, configured)];
        return candidates.FirstOrDefault(path => File.Exists(Path.Combine(path, DialogLoader.PolicyFile))) ?? candidates[0];
    }

    [LoggerMessage(EventId = 4402, Level = LogLevel.Information, Message = "Dialogs reloaded: {Intents} intents, recognizer retrained")]
    private partial void LogReloaded(int intents);

    [LoggerMessage(EventId = 4403, Level = LogLevel.Warning, Message = "Dialogs not reloaded: {Count} errors; the last good version keeps running")]
    private partial void LogReloadRefused(int count);

    [LoggerMessage(EventId = 4408, Level = LogLevel.Warning, Message = "{File}:{Line}: backend '{Backend}' is not configured (Dialogs:Backends:{Backend}:BaseUrl); its calls will fail")]
    private partial void LogBackendMissing(string file, int line, string backend);

    [LoggerMessage(EventId = 4404, Level = LogLevel.Warning, Message = "{File}:{Line}: {Message}")]
    private partial void LogReloadError(string file, int line, string message);
}
