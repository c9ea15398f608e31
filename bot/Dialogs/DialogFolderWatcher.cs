namespace Atendimento.Bot.Dialogs;

/// <summary>
/// Watches a dialogs folder and calls back once the edits settle: an editor's save fires several events
/// (truncate, write, rename), so each event pushes the reload a short quiet period further.
/// </summary>
internal sealed partial class DialogFolderWatcher : IDisposable
{
    private static readonly TimeSpan QuietPeriod = TimeSpan.FromMilliseconds(250);

    private readonly FileSystemWatcher _watcher;
    private readonly ITimer _settle;

    private DialogFolderWatcher(FileSystemWatcher watcher, ITimer settle)
    {
        _watcher = watcher;
        _settle = settle;
    }

    /// <summary>Null when the system cannot watch (such as too many watchers open): the bot runs, without hot reload.</summary>
    public static DialogFolderWatcher? Start(string directory, TimeProvider clock, Action changed, ILogger logger)
    {
        try
        {
            var settle = clock.CreateTimer(_ => changed(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            var watcher = new FileSystemWatcher(directory) { IncludeSubdirectories = true, NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.DirectoryName };
            var folder = new DialogFolderWatcher(watcher, settle);
            FileSystemEventHandler onChange = (_, _) => settle.Change(QuietPeriod, Timeout.InfiniteTimeSpan);
            watcher.Changed += onChange;
            watcher.Created += onChange;
            watcher.Deleted += onChange;
            watcher.Renamed += (_, _) => settle.Change(QuietPeriod, Timeout.InfiniteTimeSpan);
            watcher.EnableRaisingEvents = true;
            LogWatching(logger, directory);
            return folder;
        }
        catch (Exception exception) when (exception is IOException or ArgumentException or PlatformNotSupportedException)
        {
            LogCannotWatch(logger, exception, directory);
            return null;
        }
    }

    public void Dispose()
    {
        _watcher.Dispose();
        _settle.Dispose();
    }

    [LoggerMessage(EventId = 4405, Level = LogLevel.Information, Message = "Watching {Directory} for dialog edits (hot reload)")]
    private static partial void LogWatching(ILogger logger, string directory);

    [LoggerMessage(EventId = 4406, Level = LogLevel.Warning, Message = "Cannot watch {Directory}; dialog edits need a restart")]
    private static partial void LogCannotWatch(ILogger logger, Exception exception, string directory);
}
