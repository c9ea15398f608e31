using Atendimento.Handoff;

namespace Atendimento.Bot.Dialogs;

/// <summary>
/// Where a conversation stands in its dialog: which intent's steps run, the path to the step waiting for the
/// customer (step, option, step, ...), what was collected, and the recognition trail kept as handoff evidence.
/// Versioned so a stored state from an older shape can be recognised and upgraded.
/// </summary>
public sealed record DialogState
{
    public const int CurrentSchema = 1;
    public const int TrailLength = 10;

    public int Schema { get; init; } = CurrentSchema;
    public string? Intent { get; init; }
    public IReadOnlyList<int>? Position { get; init; }
    public int Retries { get; init; }
    public IReadOnlyDictionary<string, string> Values { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
    public int FailedRecognitions { get; init; }
    public IReadOnlyList<RecognitionStep> Trail { get; init; } = [];

    /// <summary>The intents the bot offered when it asked "você quis dizer…", waiting for the customer's pick.</summary>
    public IReadOnlyList<string>? Offered { get; init; }

    /// <summary>Offers in a row that the customer did not pick from.</summary>
    public int OffersInARow { get; init; }

    /// <summary>Frustrated messages so far (see <see cref="Signals.SentimentPolicy"/>); back to 0 after a handoff.</summary>
    public int FrustratedMessages { get; init; }

    /// <summary>Inactivity menus sent since the bot's last question went unanswered (see <see cref="InactivityPolicy"/>).</summary>
    public int InactivityReminders { get; init; }

    /// <summary>The bot asked something (a step's question or "você quis dizer…") and waits for the customer's answer.</summary>
    public bool AwaitsAnswer => IsWaiting || Offered is not null;

    public bool IsWaiting => Intent is not null && Position is not null;

    public DialogState WithTrail(RecognitionStep step) => this with { Trail = [.. Trail.TakeLast(TrailLength - 1), step] };

    public DialogState WithValue(string name, string value) =>
        this with { Values = new Dictionary<string, string>(Values, StringComparer.Ordinal) { [name] = value } };

    public DialogState Idle() => this with { Intent = null, Position = null, Retries = 0 };
}
