using System.Text;

namespace Atendimento.Bot.Cli;

/// <summary>
/// RFC 4180 records: fields separated by commas, optionally quoted; inside quotes, commas and line breaks are data
/// and <c>""</c> is one quote. Blank lines are skipped. Each record carries the line it starts on.
/// </summary>
internal static class CsvReader
{
    public sealed record Record(int Line, IReadOnlyList<string> Fields);

    public sealed record Result(IReadOnlyList<Record> Records, string? Error);

    public static Result Read(string content)
    {
        var records = new List<Record>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var i = 0;
        while (i < content.Length)
        {
            if (fields.Count == 0 && field.Length == 0 && IsLineBreak(content, i, out var blank))
            {
                i += blank;
                line++;
                recordLine = line;
                continue;
            }
            var error = ReadField(content, ref i, ref line, field);
            if (error is not null)
            {
                return new Result([], error);
            }
            fields.Add(field.ToString());
            field.Clear();
            if (i < content.Length && content[i] == ',')
            {
                i++;
                if (i == content.Length)
                {
                    fields.Add("");
                }
                continue;
            }
            records.Add(new Record(recordLine, fields.ToList()));
            fields.Clear();
            if (i < content.Length && IsLineBreak(content, i, out var width))
            {
                i += width;
                line++;
            }
            recordLine = line;
        }
        if (fields.Count > 0)
        {
            records.Add(new Record(recordLine, fields.ToList()));
        }
        return new Result(records, null);
    }

    private static string? ReadField(string content, ref int i, ref int line, StringBuilder field)
    {
        if (i < content.Length && content[i] == '"')
        {
            var startLine = line;
            i++;
            while (true)
            {
                if (i >= content.Length)
                {
                    return $"{startLine}: unterminated quoted field";
                }
                var c = content[i++];
                if (c == '"')
                {
                    if (i < content.Length && content[i] == '"')
                    {
                        field.Append('"');
                        i++;
                        continue;
                    }
                    break;
                }
                line += c == '\n' ? 1 : 0;
                field.Append(c);
            }
            return i < content.Length && content[i] != ',' && !IsLineBreak(content, i, out _)
                ? $"{line}: unexpected character '{content[i]}' after a closing quote"
                : null;
        }
        while (i < content.Length && content[i] != ',' && !IsLineBreak(content, i, out _))
        {
            if (content[i] == '"')
            {
                return $"{line}: a quote inside an unquoted field (quote the whole field and double the quote)";
            }
            field.Append(content[i++]);
        }
        return null;
    }

    private static bool IsLineBreak(string content, int i, out int width)
    {
        width = content[i] == '\r' && i + 1 < content.Length && content[i + 1] == '\n' ? 2 : content[i] is '\n' or '\r' ? 1 : 0;
        return width > 0;
    }
}
