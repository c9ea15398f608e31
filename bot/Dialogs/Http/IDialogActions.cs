namespace Atendimento.Bot.Dialogs.Http;

/// <summary>The I/O a dialog's steps can do: calling a business backend for an <c>http</c> step.</summary>
public interface IDialogActions
{
    Task<HttpCallOutcome> CallAsync(HttpStep step, IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken = default);
}

/// <summary>
/// What an <c>http</c> step's call came to: the mapped values when it succeeded, or a short failure (a status code,
/// "timed out", a missing field) that never contains what the customer wrote.
/// </summary>
public sealed record HttpCallOutcome(bool Succeeded, IReadOnlyDictionary<string, string> Values, string? Failure = null)
{
    public static HttpCallOutcome Failed(string failure) => new(false, new Dictionary<string, string>(StringComparer.Ordinal), failure);
}

/// <summary>A business backend the dialogs may call (configuration <c>Dialogs:Backends:&lt;name&gt;</c>).</summary>
public sealed class DialogBackendOptions
{
    /// <summary>Where the backend lives; an http step's path is appended to it.</summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>The first retry's wait; each further retry waits twice as long (with jitter).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Headers sent with every call, such as an API key; keep their values in user secrets or the environment.</summary>
    public Dictionary<string, string> Headers { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
