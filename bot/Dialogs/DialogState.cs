using System.Text.Json.Serialization;
using Atendimento.Bot.Dialogs.Runtime;
using Atendimento.Handoff;

namespace Atendimento.Bot.Dialogs;

/// <summary>
/// Where a conversation stands in its dialogs: the stack of running dialogs (each with the path to the step
/// waiting for the customer), what was collected, and the recognition trail kept as handoff evidence.
/// Versioned: schema 1 kept one dialog in Intent/Position/Retries; <see cref="DialogStateUpgrade"/> moves it onto the stack.
/// </summary>
public sealed record DialogState
{
    public const int CurrentSchema = 2;
    public const int TrailLength = 10;

    public int Schema { get; init; } = CurrentSchema;

    /// <summary>The running dialogs, innermost last; empty when the bot waits for a new subject.</summary>
    public IReadOnlyList<DialogFrame> Stack { get; init; } = [];
    public IReadOnlyDictionary<string, string> Values { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
    public int FailedRecognitions { get; init; }
    public IReadOnlyList<RecognitionStep> Trail { get; init; } = [];

    /// <summary>The intents the bot offered when it asked "você quis dizer…", waiting for the customer's pick.</summary>
    public IReadOnlyList<string>? Offered { get; init; }

    /// <summary>Offers in a row that the customer did not pick from.</summary>
    public int OffersInARow { get; init; }

    /// <summary>Schema 1 only: the running intent. Read to upgrade, never written.</summary>
    [JsonPropertyName("intent")]
    public string? LegacyIntent { get; init; }

    /// <summary>Schema 1 only: the waiting step's path.</summary>
    [JsonPropertyName("position")]
    public IReadOnlyList<int>? LegacyPosition { get; init; }

    /// <summary>Schema 1 only: retries of the waiting step.</summary>
    [JsonPropertyName("retries")]
    public int? LegacyRetries { get; init; }

    /// <summary>The innermost running dialog's intent, if any.</summary>
    [JsonIgnore]
    public string? Intent => Stack.Count > 0 ? Stack[^1].Intent : null;

    [JsonIgnore]
    public bool IsWaiting => Stack.Count > 0;

    /// <summary>Frustrated messages so far (see <see cref="Signals.SentimentPolicy"/>); back to 0 after a handoff.</summary>
    public int FrustratedMessages { get; init; }

    /// <summary>Inactivity menus sent since the bot's last question went unanswered (see <see cref="InactivityPolicy"/>).</summary>
    public int InactivityReminders { get; init; }

    /// <summary>The bot asked something (a step's question or "você quis dizer…") and waits for the customer's answer.</summary>
    [JsonIgnore]
    public bool AwaitsAnswer => IsWaiting || Offered is not null;

    public DialogState WithTrail(RecognitionStep step) => this with { Trail = [.. Trail.TakeLast(TrailLength - 1), step] };

    /// <summary>Records what the LLM stage said about the newest recognised message.</summary>
    public DialogState WithLlmNote(LlmRerank note) =>
        Trail.Count == 0 ? this : this with { Trail = [.. Trail.SkipLast(1), Trail[^1] with { Llm = note }] };

    public DialogState WithValue(string name, string value) =>
        this with { Values = new Dictionary<string, string>(Values, StringComparer.Ordinal) { [name] = value } };

    /// <summary>No dialog runs any more: the next message is a new subject.</summary>
    public DialogState Idle() => this with { Stack = [] };
}

/// <summary>
/// One running dialog: its intent, the version (content hash) of the definition it started on, the path to the
/// step it waits at (step, branch, step, ...), the retries of that step, and what that step collects (<see cref="Awaiting"/>,
/// e.g. "ask:cpf"), which lets a conversation survive an edit of its dialog file.
/// </summary>
public sealed record DialogFrame(string Intent, string? Version, IReadOnlyList<int> Position, int Retries = 0, string? Awaiting = null);
