using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Atendimento.Bot.Tests.Harness;

/// <summary>One log entry: its event, level, category and the message as formatted for a sink.</summary>
public sealed record LogEntry(string Category, EventId EventId, LogLevel Level, string Message);

/// <summary>A logger provider that keeps every entry, so tests can check what an operator would see, and what they would not.</summary>
public sealed class RecordingLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue(new LogEntry(category, eventId, logLevel, formatter(state, exception)));
    }
}
