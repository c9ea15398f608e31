using Atendimento.Bot.Recognition;

namespace Atendimento.Bot.Dialogs;

/// <summary>
/// Which offered option a customer's answer picks: the title itself (accents and case aside), its first word
/// ("sim" for "Sim, voltou"), or its number in the list. Null when it picks none of them.
/// </summary>
internal static class ChoiceMatcher
{
    public static int? Match(IReadOnlyList<string> titles, string input)
    {
        var normalized = TextNormalizer.Normalize(input);
        if (int.TryParse(normalized, out var number) && number >= 1 && number <= titles.Count)
        {
            return number - 1;
        }
        for (var i = 0; i < titles.Count; i++)
        {
            var title = TextNormalizer.Normalize(titles[i]);
            if (title == normalized || (normalized.Length > 0 && title.Split(' ')[0] == normalized))
            {
                return i;
            }
        }
        return null;
    }
}
