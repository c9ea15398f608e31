using Atendimento.Bot.Recognition;

namespace Atendimento.Bot.Dialogs.Signals;

/// <summary>
/// Tells a message written in English or Spanish from Portuguese by words only one of the three languages uses
/// (Spanish and Portuguese share many, so those are left out). It answers only when the evidence is plain:
/// at least three words, at least two foreign markers and no Portuguese one (or three times as many foreign ones).
/// A short or mixed message is taken as Portuguese, so the bot keeps trying rather than handing off.
/// </summary>
public static class LanguageGuess
{
    public const string Portuguese = "pt";
    public const string English = "en";
    public const string Spanish = "es";

    private static readonly HashSet<string> PortugueseMarkers = new(StringComparer.Ordinal)
    {
        "nao", "voce", "voces", "meu", "minha", "estou", "obrigado", "obrigada", "quero", "preciso", "uma", "da", "do", "das", "dos",
        "ao", "isso", "esse", "essa", "para", "tem", "sim", "oi", "ola", "boa", "bom", "conta", "fatura", "boleto", "sem", "conexao",
        "eu", "com", "que", "agora", "hoje", "ja", "ainda", "aqui", "qual", "quando", "onde", "porque", "tudo", "tambem", "mim",
        "atendente", "falar", "queria", "gostaria", "pagar", "plano", "planos", "caiu", "funcionando", "ta", "to", "e", "o", "a",
    };

    private static readonly HashSet<string> EnglishMarkers = new(StringComparer.Ordinal)
    {
        "the", "is", "are", "my", "i", "you", "your", "want", "need", "please", "hello", "hi", "can", "could", "what", "how", "why",
        "where", "bill", "and", "with", "have", "has", "this", "that", "it", "we", "for", "of", "there", "help", "speak", "english",
        "account", "payment", "working", "doesn", "isn", "don", "would", "like", "thanks", "thank", "an", "am", "not", "connection",
    };

    private static readonly HashSet<string> SpanishMarkers = new(StringComparer.Ordinal)
    {
        "el", "los", "las", "hola", "quiero", "tengo", "necesito", "usted", "ustedes", "gracias", "cuenta", "ayuda", "puedo", "mi",
        "pero", "y", "hablar", "espanol", "factura", "servicio", "muy", "hay", "tiene", "yo", "buenos", "buenas",
        "noches", "conexion", "senor", "senora", "estoy", "cuando", "necesitamos",
    };

    public static string Guess(string text)
    {
        var tokens = TextNormalizer.Tokens(text);
        if (tokens.Count < 3)
        {
            return Portuguese;
        }
        var portuguese = tokens.Count(PortugueseMarkers.Contains);
        var english = tokens.Count(EnglishMarkers.Contains);
        var spanish = tokens.Count(token => SpanishMarkers.Contains(token) && !PortugueseMarkers.Contains(token));
        var (language, foreign) = english >= spanish ? (English, english) : (Spanish, spanish);
        return foreign >= 2 && (portuguese == 0 || foreign >= 3 * portuguese) ? language : Portuguese;
    }
}
