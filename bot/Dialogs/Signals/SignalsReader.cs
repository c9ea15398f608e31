using YamlDotNet.RepresentationModel;

namespace Atendimento.Bot.Dialogs.Signals;

/// <summary>Reads the <c>sentiment</c> and <c>language</c> sections of bot.yaml.</summary>
internal static class SignalsReader
{
    public static SentimentPolicy? ReadSentiment(YamlReader reader, YamlMappingNode node)
    {
        reader.RejectUnknownKeys(node, "frustratedMessages", "apology", "handoff");
        var frustrated = (int)reader.Number(node, "frustratedMessages", 2, 1, 10);
        var apology = reader.String(node, "apology");
        var handoff = reader.Map(node, "handoff") is { } handoffNode ? PolicyReader.ReadHandoff(reader, handoffNode) : null;
        return apology is null || handoff is null ? null : new SentimentPolicy(frustrated, apology, handoff);
    }

    public static LanguagePolicy? ReadLanguage(YamlReader reader, YamlMappingNode node)
    {
        reader.RejectUnknownKeys(node, "reply", "skills", "handoff");
        var reply = reader.String(node, "reply");
        var skills = new Dictionary<string, string>(StringComparer.Ordinal);
        if (reader.Map(node, "skills") is { } skillsNode)
        {
            reader.RejectUnknownKeys(skillsNode, LanguageGuess.English, LanguageGuess.Spanish);
            foreach (var language in new[] { LanguageGuess.English, LanguageGuess.Spanish })
            {
                if (reader.String(skillsNode, language) is { } skill)
                {
                    skills[language] = skill;
                }
            }
        }
        var handoff = reader.Map(node, "handoff") is { } handoffNode ? PolicyReader.ReadHandoff(reader, handoffNode) : null;
        return reply is null || handoff is null ? null : new LanguagePolicy(reply, skills, handoff);
    }
}
