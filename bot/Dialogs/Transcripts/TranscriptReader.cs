using System.Globalization;
using Atendimento.Routing.Tickets;
using YamlDotNet.RepresentationModel;

namespace Atendimento.Bot.Dialogs.Transcripts;

/// <summary>Reads the transcript tests of a dialogs folder (<c>tests/*.yaml</c> and Bot Framework <c>tests/*.transcript</c>), reporting every mistake as file:line: message.</summary>
internal static class TranscriptReader
{
    public const string TestsFolder = "tests";

    public static IReadOnlyList<Transcript> ReadFolder(string dialogsDirectory, List<DialogError> errors)
    {
        var folder = Path.Combine(dialogsDirectory, TestsFolder);
        var files = Directory.Exists(folder) ? Directory.GetFiles(folder).Order(StringComparer.Ordinal) : Enumerable.Empty<string>();
        return files.SelectMany(file => Path.GetExtension(file) switch
        {
            ".yaml" => ReadFile(file, errors),
            ".transcript" => BotFrameworkTranscriptReader.Read(file, errors) is { } transcript ? [transcript] : [],
            _ => [],
        }).ToList();
    }

    private static List<Transcript> ReadFile(string file, List<DialogError> errors)
    {
        var reader = new YamlReader(file, errors);
        if (reader.LoadRoot(File.ReadAllText(file)) is not { } root)
        {
            return [];
        }
        reader.RejectUnknownKeys(root, "transcripts");
        return reader.Maps(root, "transcripts").Select(node => ReadTranscript(reader, node)).OfType<Transcript>().ToList();
    }

    private static Transcript? ReadTranscript(YamlReader reader, YamlMappingNode node)
    {
        reader.RejectUnknownKeys(node, "name", "at", "turns");
        var name = reader.String(node, "name");
        var at = Transcript.DefaultAt;
        if (reader.String(node, "at", required: false) is { } text && !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out at))
        {
            reader.Error(YamlReader.Line(node, "at"), $"'at' must be a date and time with its offset, such as {Transcript.DefaultAt:yyyy-MM-ddTHH:mm:sszzz}");
        }
        var turns = reader.Maps(node, "turns").Select(turn => ReadTurn(reader, turn)).OfType<TranscriptTurn>().ToList();
        return name is null ? null : new Transcript(name, reader.File, YamlReader.Line(node), at, turns);
    }

    private static TranscriptTurn? ReadTurn(YamlReader reader, YamlMappingNode node)
    {
        reader.RejectUnknownKeys(node, "user", "join", "bot", "handoff");
        var user = reader.String(node, "user", required: false);
        var join = reader.Boolean(node, "join");
        if ((user is null) == !join)
        {
            reader.Error(YamlReader.Line(node), "a turn needs either 'user' (what the customer writes) or 'join: true'");
            return null;
        }
        var replies = reader.Optional(node, "bot") is null ? [] : ReadReplies(reader, node);
        var handoff = reader.Optional(node, "handoff") is null ? null : ReadHandoff(reader, node);
        return new TranscriptTurn(YamlReader.Line(node), user, join, replies, handoff);
    }

    private static List<ExpectedReply> ReadReplies(YamlReader reader, YamlMappingNode node)
    {
        if (reader.Optional(node, "bot") is not YamlSequenceNode list)
        {
            reader.Error(YamlReader.Line(node, "bot"), "'bot' must be a list of replies");
            return [];
        }
        var replies = new List<ExpectedReply>();
        foreach (var item in list.Children)
        {
            if (item is YamlScalarNode { Value: { Length: > 0 } text })
            {
                replies.Add(new ExpectedReply(text, null));
            }
            else if (item is YamlMappingNode reply)
            {
                reader.RejectUnknownKeys(reply, "text", "choices");
                var choices = reader.Optional(reply, "choices") is null ? null : reader.Strings(reply, "choices");
                if (reader.String(reply, "text") is { } replyText)
                {
                    replies.Add(new ExpectedReply(replyText, choices));
                }
            }
            else
            {
                reader.Error(YamlReader.Line(item), "a reply is its text, or text: and choices:");
            }
        }
        return replies;
    }

    private static ExpectedHandoff? ReadHandoff(YamlReader reader, YamlMappingNode node)
    {
        if (reader.Map(node, "handoff") is not { } spec)
        {
            return null;
        }
        reader.RejectUnknownKeys(spec, "reason", "level", "queue");
        var reason = reader.String(spec, "reason");
        var levelText = reader.String(spec, "level", required: false);
        SupportLevel? level = Enum.TryParse<SupportLevel>(levelText, out var parsed) ? parsed : null;
        if (levelText is not null && level is null)
        {
            reader.Error(YamlReader.Line(spec, "level"), $"unknown level '{levelText}' (expected N1, N2 or N3)");
        }
        return reason is null ? null : new ExpectedHandoff(reason, level, reader.String(spec, "queue", required: false));
    }
}
