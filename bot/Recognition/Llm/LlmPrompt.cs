using System.Text.Encodings.Web;
using System.Text.Json;
using OpenAI.Chat;

namespace Atendimento.Bot.Recognition.Llm;

/// <summary>
/// What the model is asked. The instructions are fixed; the customer's message and the candidates travel as one
/// JSON object in the user turn, so a message that reads like an instruction is still only data to classify, and
/// whatever the model makes of it, <see cref="LlmAnswer"/> accepts nothing but a listed intent or "none".
/// </summary>
internal static class LlmPrompt
{
    public const string None = "none";

    private const string Instructions = """
        You help the chat bot of a customer service decide what a customer's message is about.
        The bot's own classifier was unsure, so it lists the subjects it considers likely. Each candidate has an
        intent name, the title customers know it by, and example messages that belong to it.
        The messages are usually in Brazilian Portuguese, often informal and with typos.
        Choose the one candidate the message is clearly about. If it fits none of them, or you are not sure, choose none.
        Never answer with an intent that is not in the list.
        Answer with a JSON object only, and nothing else: {"intent": "<intent name>"} or {"intent": "none"}.
        """;

    // The prompt is read by a model, not embedded in HTML: accents stay readable instead of becoming \u escapes.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IReadOnlyList<ChatMessage> Messages(string message, IReadOnlyList<RerankCandidate> candidates) =>
        [new SystemChatMessage(Instructions), new UserChatMessage(Payload(message, candidates))];

    public static string Payload(string message, IReadOnlyList<RerankCandidate> candidates) =>
        JsonSerializer.Serialize(new { message, candidates = candidates.Select(c => new { intent = c.Intent, title = c.Title, examples = c.Examples }) }, Json);
}
