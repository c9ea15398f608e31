using System.Text.RegularExpressions;

namespace Atendimento.Bot.Dialogs;

/// <summary>The {variable} placeholders of dialog texts, paths and bodies.</summary>
internal static partial class Placeholders
{
    /// <summary>Fills each placeholder with its collected value; one never collected stays as written, so the gap shows.</summary>
    public static string Fill(string text, IReadOnlyDictionary<string, string> values, Func<string, string>? encode = null) =>
        Pattern().Replace(text, match => values.TryGetValue(match.Groups[1].Value, out var value) ? (encode ?? (v => v))(value) : match.Value);

    public static IEnumerable<string> Names(string text) => Pattern().Matches(text).Select(match => match.Groups[1].Value);

    [GeneratedRegex(@"\{([A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex Pattern();
}
