using System.ComponentModel.DataAnnotations;

namespace Atendimento.Bot.Recognition.Llm;

/// <summary>
/// The optional LLM stage (configuration <c>Recognition:Llm</c>): off unless <see cref="Enabled"/>, and then it
/// needs an OpenAI-compatible <see cref="Endpoint"/> and a <see cref="Model"/>, checked at start-up.
/// </summary>
public sealed class LlmRerankOptions : IValidatableObject
{
    public const string Section = "Recognition:Llm";

    /// <summary>Used when no key is configured: local servers (Ollama, llama.cpp) ignore it, and the SDK needs one.</summary>
    public const string PlaceholderApiKey = "no-key";

    public bool Enabled { get; set; }

    /// <summary>The API's base URL, up to and including its version segment: <c>http://127.0.0.1:11434/v1</c>.</summary>
    public string? Endpoint { get; set; }

    public string? Model { get; set; }

    /// <summary>Sent as a Bearer token; from user secrets or the environment, never from a file in the repository.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The customer is waiting for the reply: past this the bot goes on without the LLM.</summary>
    [Range(0.1, 60)]
    public double TimeoutSeconds { get; set; } = 3;

    /// <summary>How many of the recognizer's best intents the LLM chooses from; unset, as many as a clarification offers.</summary>
    [Range(1, 10)]
    public int? MaxCandidates { get; set; }

    /// <summary>Example sentences of each candidate shown to the LLM, so it knows what the intent covers.</summary>
    [Range(0, 10)]
    public int ExamplesPerCandidate { get; set; } = 3;

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
        {
            yield break;
        }
        if (!Uri.TryCreate(Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
        {
            yield return new ValidationResult(
                $"{Section}:Endpoint must be the http(s) base URL of an OpenAI-compatible API (such as http://127.0.0.1:11434/v1) when {Section}:Enabled is true.",
                [nameof(Endpoint)]);
        }
        if (string.IsNullOrWhiteSpace(Model))
        {
            yield return new ValidationResult($"{Section}:Model must name the model to ask when {Section}:Enabled is true.", [nameof(Model)]);
        }
    }
}
