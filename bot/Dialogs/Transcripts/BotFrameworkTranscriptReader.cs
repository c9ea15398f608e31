using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Atendimento.Routing.Tickets;

namespace Atendimento.Bot.Dialogs.Transcripts;

/// <summary>
/// Reads a Bot Framework <c>.transcript</c> file (such as one the Emulator saves) as one transcript test: the
/// user's messages become turns, the bot's messages that follow become the replies expected (text and suggested
/// actions), and a <c>handoff.initiate</c> event becomes the handoff expected (specs §5: a flat array of activities
/// or an object with a <c>transcript</c> array; entries without a type and unknown types are skipped).
/// </summary>
internal static class BotFrameworkTranscriptReader
{
    public static Transcript? Read(string file, List<DialogError> errors)
    {
        var bytes = File.ReadAllBytes(file);
        JsonArray? activities;
        try
        {
            var root = JsonNode.Parse(bytes);
            activities = root as JsonArray ?? root?["transcript"] as JsonArray;
        }
        catch (JsonException exception)
        {
            errors.Add(new DialogError(file, (int)(exception.LineNumber ?? 0) + 1, $"not valid JSON: {exception.Message}"));
            return null;
        }
        if (activities is null)
        {
            errors.Add(new DialogError(file, 1, "a .transcript holds an array of activities, or an object with a 'transcript' array"));
            return null;
        }
        var lines = ElementLines(bytes);
        var turns = new List<TurnBuilder>();
        for (var i = 0; i < activities.Count; i++)
        {
            Add(turns, activities[i] as JsonObject, i < lines.Count ? lines[i] : 1);
        }
        return new Transcript(Path.GetFileNameWithoutExtension(file), file, 1, Transcript.DefaultAt, turns.Select(t => t.Build()).ToList());
    }

    private static void Add(List<TurnBuilder> turns, JsonObject? activity, int line)
    {
        var type = (string?)activity?["type"];
        var fromUser = (string?)activity?["from"]?["role"] == "user" || (string?)activity?["recipient"]?["role"] == "bot";
        switch (type)
        {
            case "conversationUpdate" when fromUser && turns.Count == 0:
                turns.Add(new TurnBuilder(line, null));
                break;
            case "message" when fromUser:
                turns.Add(new TurnBuilder(line, (string?)activity!["text"] ?? ""));
                break;
            case "message":
                CurrentTurn(turns, line).Replies.Add(new ExpectedReply((string?)activity!["text"] ?? "", Choices(activity)));
                break;
            case "event" when !fromUser && (string?)activity!["name"] == "handoff.initiate":
                CurrentTurn(turns, line).HandOff(activity["value"]);
                break;
        }
    }

    /// <summary>Bot messages before any user activity answer the customer's joining.</summary>
    private static TurnBuilder CurrentTurn(List<TurnBuilder> turns, int line)
    {
        if (turns.Count == 0)
        {
            turns.Add(new TurnBuilder(line, null));
        }
        return turns[^1];
    }

    private static List<string> Choices(JsonObject activity) =>
        (activity["suggestedActions"]?["actions"] as JsonArray)?.Select(action => (string?)action?["title"] ?? "").ToList() ?? [];

    /// <summary>The line each activity of the file starts on, so a difference points into the file.</summary>
    private static List<int> ElementLines(byte[] bytes)
    {
        var lines = new List<int>();
        var reader = new Utf8JsonReader(bytes);
        var arrayDepth = -1;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.StartArray && arrayDepth < 0 && reader.CurrentDepth <= 1)
            {
                arrayDepth = reader.CurrentDepth + 1;
            }
            else if (reader.TokenType == JsonTokenType.StartObject && reader.CurrentDepth == arrayDepth)
            {
                lines.Add(1 + bytes.AsSpan(0, (int)reader.TokenStartIndex).Count((byte)'\n'));
            }
        }
        return lines;
    }

    private sealed class TurnBuilder(int line, string? user)
    {
        private ExpectedHandoff? _handoff;

        public List<ExpectedReply> Replies { get; } = [];

        /// <summary>The handoff notice (protocol number) came just before the event: it is checked through the handoff, not as a reply.</summary>
        public void HandOff(JsonNode? value)
        {
            if (Replies.Count > 0)
            {
                Replies.RemoveAt(Replies.Count - 1);
            }
            SupportLevel? level = Enum.TryParse<SupportLevel>((string?)value?["level"], out var parsed) ? parsed : null;
            _handoff = new ExpectedHandoff((string?)value?["reason"] ?? "", level, (string?)value?["queue"]);
        }

        public TranscriptTurn Build() => new(line, user, user is null, Replies, _handoff);
    }
}
