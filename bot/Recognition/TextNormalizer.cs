using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Atendimento.Bot.Recognition;

/// <summary>
/// Folds Brazilian chat text to a comparable form: lower case, no accents, letters and digits only,
/// letters repeated three or more times squeezed ("oiii" -> "oi"), common abbreviations expanded.
/// </summary>
public static partial class TextNormalizer
{
    private static readonly Dictionary<string, string> Abbreviations = new(StringComparer.Ordinal)
    {
        ["vc"] = "voce", ["vcs"] = "voces", ["q"] = "que", ["pq"] = "porque", ["td"] = "tudo", ["tb"] = "tambem",
        ["tbm"] = "tambem", ["n"] = "nao", ["nn"] = "nao", ["msg"] = "mensagem", ["qro"] = "quero", ["kero"] = "quero",
        ["p"] = "para", ["pra"] = "para", ["pro"] = "para", ["hj"] = "hoje", ["blz"] = "beleza", ["obg"] = "obrigado",
        ["net"] = "internet", ["atendende"] = "atendente", ["agr"] = "agora", ["cmg"] = "comigo",
    };

    public static string Normalize(string text) => string.Join(' ', Tokens(text));

    public static IReadOnlyList<string> Tokens(string text)
    {
        var folded = FoldAccents(text.ToLowerInvariant());
        var tokens = new List<string>();
        foreach (var raw in NonWord().Split(folded))
        {
            if (raw.Length == 0)
            {
                continue;
            }
            var squeezed = SqueezeRepeats(raw);
            tokens.Add(Abbreviations.GetValueOrDefault(squeezed, squeezed));
        }
        return tokens;
    }

    private static string FoldAccents(string text)
    {
        // Compatibility decomposition also turns the ordinal indicators of "2ª via" and "1º" into plain a and o.
        var decomposed = text.Normalize(NormalizationForm.FormKD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    private static string SqueezeRepeats(string token)
    {
        var builder = new StringBuilder(token.Length);
        foreach (var c in token)
        {
            var n = builder.Length;
            if (n >= 2 && builder[n - 1] == c && builder[n - 2] == c)
            {
                continue;
            }
            builder.Append(c);
        }
        // Portuguese keeps double rr/ss/ee/oo; three or more are always emphasis, and "oii" is still "oi".
        var squeezed = builder.ToString();
        return squeezed.Length > 2 && char.IsLetter(squeezed[^1]) && squeezed[^1] == squeezed[^2] && squeezed[^1] is not ('r' or 's' or 'e' or 'o')
            ? squeezed[..^1]
            : squeezed;
    }

    [GeneratedRegex(@"[^\p{L}\p{Nd}]+")]
    private static partial Regex NonWord();
}
