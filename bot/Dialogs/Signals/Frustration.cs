using Atendimento.Bot.Recognition;

namespace Atendimento.Bot.Dialogs.Signals;

/// <summary>How upset a message reads: calm, frustrated (complaints, swearing, shouting), or abusive (insults at people).</summary>
public enum Mood
{
    Calm,
    Frustrated,
    Abusive,
}

/// <summary>
/// A deliberately conservative reading of pt-BR chat: only words that mean anger in any context count, so that a
/// customer describing a problem ("a internet caiu de novo") is not taken for an angry one. Shouting counts only
/// in a message long enough for capitals to be a choice.
/// </summary>
public static class Frustration
{
    /// <summary>Insults aimed at people: no bot answer helps after these.</summary>
    private static readonly HashSet<string> AbusiveWords = new(StringComparer.Ordinal)
    {
        "vsf", "fdp", "desgracado", "desgracados", "idiota", "idiotas", "imbecil", "imbecis", "otario", "otarios", "ladrao",
        "ladroes", "ladroagem", "safado", "safados", "vagabundo", "vagabundos", "puta", "corno", "cornos", "babaca", "babacas",
    };

    /// <summary>Complaint words and swearing about the service ("internet ta uma merda"): venting, which the bot may still help with.</summary>
    private static readonly HashSet<string> FrustratedWords = new(StringComparer.Ordinal)
    {
        "merda", "porra", "caralho", "bosta", "lixo", "pqp", "foda", "fodase", "droga", "cacete", "desgraca",
        "absurdo", "absurda", "ridiculo", "ridicula", "palhacada", "vergonha", "vergonhoso", "pessimo", "pessima", "horrivel",
        "inadmissivel", "inaceitavel", "descaso", "desrespeito", "incompetente", "incompetentes", "incompetencia", "cansei",
        "revoltado", "revoltada", "indignado", "indignada", "furioso", "furiosa", "decepcionado", "decepcionada", "raiva",
    };

    private static readonly string[] FrustratedPhrases =
    [
        "ninguem resolve", "ninguem me ajuda", "nao aguento mais", "estou cansado", "estou cansada", "to cansado", "to cansada",
        "pela terceira vez", "pela quarta vez", "toda semana a mesma", "sempre a mesma coisa", "ja liguei varias vezes",
    ];

    private static readonly HashSet<string> AbusiveStems = new(AbusiveWords.Select(Collapse), StringComparer.Ordinal);
    private static readonly HashSet<string> FrustratedStems = new(FrustratedWords.Select(Collapse), StringComparer.Ordinal);

    public static Mood Read(string text)
    {
        var tokens = TextNormalizer.Tokens(text);
        if (tokens.Select(Collapse).Any(AbusiveStems.Contains))
        {
            return Mood.Abusive;
        }
        var normalized = ' ' + string.Join(' ', tokens) + ' ';
        return tokens.Select(Collapse).Any(FrustratedStems.Contains)
            || FrustratedPhrases.Any(phrase => normalized.Contains(' ' + phrase + ' ', StringComparison.Ordinal))
            || Shouts(text)
            ? Mood.Frustrated
            : Mood.Calm;
    }

    /// <summary>"lixoo" and "lixo", "porra" and "poorra": every run of one letter counted once.</summary>
    private static string Collapse(string word) =>
        string.Concat(word.Where((c, i) => i == 0 || word[i - 1] != c));

    /// <summary>Twelve or more letters, nearly all capitals, or a run of three exclamation marks.</summary>
    private static bool Shouts(string text)
    {
        var letters = text.Where(char.IsLetter).ToList();
        var capitals = letters.Count(char.IsUpper);
        return (letters.Count >= 12 && capitals >= letters.Count * 0.8) || text.Contains("!!!", StringComparison.Ordinal);
    }
}
