using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Atendimento.Bot.Dialogs;

/// <summary>Reads the <c>idleTimeout</c> section of bot.yaml.</summary>
internal static class InactivityReader
{
    public static InactivityPolicy? Read(YamlReader reader, YamlMappingNode node)
    {
        reader.RejectUnknownKeys(node, "menuAfterMinutes", "closeAfterMinutes", "prompt", "options", "goodbye", "closed", "handoff");
        var menuAfter = Minutes(reader, node);
        var closeAfter = reader.Optional(node, "closeAfterMinutes") is null ? (TimeSpan?)null : TimeSpan.FromMinutes(reader.Number(node, "closeAfterMinutes", 15, 1, 1440));
        if (closeAfter is { } close && menuAfter.Count > 0 && close <= menuAfter[^1])
        {
            reader.Error(YamlReader.Line(node, "closeAfterMinutes"), "'closeAfterMinutes' must come after the last of 'menuAfterMinutes'");
        }
        var prompt = reader.String(node, "prompt");
        var options = Options(reader, node);
        var goodbye = reader.String(node, "goodbye");
        var closed = reader.String(node, "closed");
        var handoff = reader.Map(node, "handoff") is { } handoffNode ? PolicyReader.ReadHandoff(reader, handoffNode) : null;
        return prompt is null || options is null || goodbye is null || closed is null || handoff is null
            ? null
            : new InactivityPolicy(menuAfter, closeAfter, prompt, options, goodbye, closed, handoff);
    }

    private static List<TimeSpan> Minutes(YamlReader reader, YamlMappingNode node)
    {
        var minutes = new List<TimeSpan>();
        foreach (var text in reader.Strings(node, "menuAfterMinutes"))
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1 || value > 1440)
            {
                reader.Error(YamlReader.Line(node, "menuAfterMinutes"), $"'{text}' in 'menuAfterMinutes' is not a whole number of minutes between 1 and 1440");
            }
            else if (minutes.Count > 0 && TimeSpan.FromMinutes(value) <= minutes[^1])
            {
                reader.Error(YamlReader.Line(node, "menuAfterMinutes"), "'menuAfterMinutes' must be in increasing order");
            }
            else
            {
                minutes.Add(TimeSpan.FromMinutes(value));
            }
        }
        return minutes;
    }

    private static InactivityOptions? Options(YamlReader reader, YamlMappingNode node)
    {
        var titles = reader.Strings(node, "options");
        if (titles.Count == 3)
        {
            return new InactivityOptions(titles[0], titles[1], titles[2]);
        }
        if (reader.Optional(node, "options") is not null)
        {
            reader.Error(YamlReader.Line(node, "options"), "'options' must list exactly three titles: continue, talk to a person, close");
        }
        return null;
    }
}
