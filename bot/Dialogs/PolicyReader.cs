using Atendimento.Bot.Dialogs.Signals;
using Atendimento.Handoff;
using Atendimento.Routing.Tickets;
using YamlDotNet.RepresentationModel;

namespace Atendimento.Bot.Dialogs;

/// <summary>Reads <c>bot.yaml</c>.</summary>
internal static class PolicyReader
{
    public static BotPolicy? Read(YamlReader reader, string text)
    {
        if (reader.LoadRoot(text) is not { } root)
        {
            return null;
        }
        reader.RejectUnknownKeys(root, "greeting", "menu", "answerThreshold", "maxFailedAttempts", "notUnderstood", "fallbackHandoff", "messages", "businessHours", "clarification", "idleTimeout", "sentiment", "language");
        var greeting = reader.Strings(root, "greeting");
        var menu = reader.Map(root, "menu") is { } menuNode ? ReadMenu(reader, menuNode) : null;
        var threshold = reader.Number(root, "answerThreshold", 0.6, 0.05, 1);
        var maxFailed = (int)reader.Number(root, "maxFailedAttempts", 2, 1, 10);
        var notUnderstood = reader.String(root, "notUnderstood");
        var fallback = reader.Map(root, "fallbackHandoff") is { } handoffNode ? ReadHandoff(reader, handoffNode) : null;
        var messages = reader.Map(root, "messages") is { } messagesNode ? ReadMessages(reader, messagesNode) : null;
        // Optional: without business hours, people are always there.
        var hours = reader.Optional(root, "businessHours") is YamlMappingNode hoursNode ? BusinessHoursReader.Read(reader, hoursNode) : null;
        var clarification = reader.Optional(root, "clarification") is YamlMappingNode clarifyNode ? ReadClarification(reader, clarifyNode, threshold) : null;
        // Optional: without it the bot waits for an answer as long as the customer takes.
        var inactivity = reader.Optional(root, "idleTimeout") is YamlMappingNode idleNode ? InactivityReader.Read(reader, idleNode) : null;
        var sentiment = reader.Optional(root, "sentiment") is YamlMappingNode sentimentNode ? SignalsReader.ReadSentiment(reader, sentimentNode) : null;
        var language = reader.Optional(root, "language") is YamlMappingNode languageNode ? SignalsReader.ReadLanguage(reader, languageNode) : null;
        return menu is null || notUnderstood is null || fallback is null || messages is null
            ? null
            : new BotPolicy(greeting, menu, threshold, maxFailed, notUnderstood, fallback, messages, hours, clarification, inactivity, sentiment, language);
    }

    public static HandoffStep? ReadHandoff(YamlReader reader, YamlMappingNode spec)
    {
        reader.RejectUnknownKeys(spec, "reason", "level", "queue", "skills");
        var line = YamlReader.Line(spec);
        var reason = reader.String(spec, "reason");
        var levelText = reader.String(spec, "level");
        var queue = reader.String(spec, "queue");
        var skills = reader.Strings(spec, "skills", required: false);
        if (reason is not null && !HandoffReasons.All.Contains(reason))
        {
            reader.Error(YamlReader.Line(spec, "reason"), $"unknown handoff reason '{reason}' (expected one of: {string.Join(", ", HandoffReasons.All)})");
        }
        if (levelText is not null && !Enum.TryParse<SupportLevel>(levelText, out _))
        {
            reader.Error(YamlReader.Line(spec, "level"), $"unknown level '{levelText}' (expected N1, N2 or N3)");
        }
        return reason is null || queue is null || !Enum.TryParse<SupportLevel>(levelText, out var level)
            ? null
            : new HandoffStep(line, reason, level, queue, skills);
    }

    private static MainMenu? ReadMenu(YamlReader reader, YamlMappingNode node)
    {
        reader.RejectUnknownKeys(node, "prompt", "options");
        var prompt = reader.String(node, "prompt");
        var options = new List<MenuOption>();
        foreach (var option in reader.Maps(node, "options"))
        {
            reader.RejectUnknownKeys(option, "title", "intent");
            if (reader.String(option, "title") is { } title && reader.String(option, "intent") is { } intent)
            {
                options.Add(new MenuOption(title, intent, YamlReader.Line(option, "intent")));
            }
        }
        return prompt is null ? null : new MainMenu(prompt, options);
    }

    private static ClarificationPolicy? ReadClarification(YamlReader reader, YamlMappingNode node, double answerThreshold)
    {
        reader.RejectUnknownKeys(node, "threshold", "margin", "maxCandidates", "maxInARow", "prompt", "noneOfThese", "rephrase");
        var threshold = reader.Number(node, "threshold", 0.4, 0.01, 1);
        if (threshold >= answerThreshold)
        {
            reader.Error(YamlReader.Line(node, "threshold"), $"the clarification threshold must be below answerThreshold ({answerThreshold.ToString(System.Globalization.CultureInfo.InvariantCulture)})");
        }
        var margin = reader.Number(node, "margin", 0.05, 0, 1);
        var candidates = (int)reader.Number(node, "maxCandidates", 3, 2, 9);
        var inARow = (int)reader.Number(node, "maxInARow", 1, 1, 5);
        var prompt = reader.String(node, "prompt");
        var none = reader.String(node, "noneOfThese");
        var rephrase = reader.String(node, "rephrase");
        return prompt is null || none is null || rephrase is null ? null : new ClarificationPolicy(threshold, margin, candidates, inARow, prompt, none, rephrase);
    }

    private static BotMessages? ReadMessages(YamlReader reader, YamlMappingNode node)
    {
        reader.RejectUnknownKeys(node, "handoffStarted", "agentJoined", "ticketResolved", "botError");
        var started = reader.String(node, "handoffStarted");
        var joined = reader.String(node, "agentJoined");
        var resolved = reader.String(node, "ticketResolved");
        var error = reader.String(node, "botError");
        return started is null || joined is null || resolved is null || error is null ? null : new BotMessages(started, joined, resolved, error);
    }
}
