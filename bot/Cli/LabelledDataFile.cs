using System.Text.Json;
using Atendimento.Bot.Recognition;

namespace Atendimento.Bot.Cli;

/// <summary>Rows read from a labelled file, or why the file could not be read (with the line number).</summary>
public sealed record LoadResult(IReadOnlyList<LabelledExample> Rows, string? Error)
{
    public static LoadResult Failed(string error) => new([], error);
}

/// <summary>
/// Reads labelled messages: CSV with a header row naming a <c>text</c> column and an <c>intent</c> (or
/// <c>category</c> / <c>label</c>) column, quoted as RFC 4180; or JSONL with one
/// <c>{"text": ..., "intent": ...}</c> object a line. The format follows the extension (.jsonl / .json, else CSV).
/// </summary>
public static class LabelledDataFile
{
    private static readonly string[] IntentColumns = ["intent", "category", "label"];

    public static LoadResult Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            return LoadResult.Failed($"{path}: file not found");
        }
        var content = File.ReadAllText(path);
        var result = path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
            ? ParseJsonLines(content)
            : ParseCsv(content);
        return result.Error is null ? result : LoadResult.Failed($"{path}:{result.Error}");
    }

    /// <summary>Parses JSONL; errors start with the 1-based line number.</summary>
    public static LoadResult ParseJsonLines(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var rows = new List<LabelledExample>();
        var lines = content.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                continue;
            }
            var row = ParseJsonLine(line);
            if (row.Error is not null)
            {
                return LoadResult.Failed($"{i + 1}: {row.Error}");
            }
            rows.Add(row.Example!);
        }
        return rows.Count == 0 ? LoadResult.Failed("1: no rows") : new LoadResult(rows, null);
    }

    private static (LabelledExample? Example, string? Error) ParseJsonLine(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, "expected a JSON object");
            }
            var text = StringProperty(root, "text");
            var intent = IntentColumns.Select(name => StringProperty(root, name)).FirstOrDefault(value => value is not null);
            return text is null || intent is null
                ? (null, "expected string properties \"text\" and \"intent\"")
                : (new LabelledExample(text, intent), null);
        }
        catch (JsonException exception)
        {
            return (null, $"invalid JSON ({exception.Message})");
        }
    }

    private static string? StringProperty(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Parses CSV with a header row; errors start with the 1-based line number.</summary>
    public static LoadResult ParseCsv(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var records = CsvReader.Read(content);
        if (records.Error is not null)
        {
            return LoadResult.Failed(records.Error);
        }
        if (records.Records.Count == 0)
        {
            return LoadResult.Failed("1: empty file, expected a header row");
        }
        var header = records.Records[0].Fields.Select(f => f.Trim().ToLowerInvariant()).ToList();
        var textColumn = header.IndexOf("text");
        var intentColumn = IntentColumns.Select(name => header.IndexOf(name)).FirstOrDefault(i => i >= 0, -1);
        if (textColumn < 0 || intentColumn < 0)
        {
            return LoadResult.Failed($"1: the header must name a \"text\" column and an \"intent\" (or \"category\") column, found \"{string.Join(',', header)}\"");
        }
        var rows = new List<LabelledExample>();
        foreach (var (line, fields) in records.Records.Skip(1))
        {
            if (fields.Count != header.Count)
            {
                return LoadResult.Failed($"{line}: expected {header.Count} fields, found {fields.Count}");
            }
            if (fields[intentColumn].Trim().Length == 0)
            {
                return LoadResult.Failed($"{line}: empty intent");
            }
            rows.Add(new LabelledExample(fields[textColumn], fields[intentColumn].Trim()));
        }
        return rows.Count == 0 ? LoadResult.Failed("2: no rows after the header") : new LoadResult(rows, null);
    }
}
