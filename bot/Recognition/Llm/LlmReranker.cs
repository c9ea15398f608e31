using System.ClientModel;
using System.ClientModel.Primitives;
using System.Diagnostics;
using Atendimento.Handoff;
using Microsoft.Extensions.Options;
using OpenAI;
using OpenAI.Chat;

namespace Atendimento.Bot.Recognition.Llm;

/// <summary>
/// Asks an OpenAI-compatible chat completions API (through the <c>OpenAI</c> package's <see cref="ChatClient"/>)
/// to choose among the recognizer's candidates. One attempt, bounded by <see cref="LlmRerankOptions.TimeoutSeconds"/>
/// on the real clock (it bounds network I/O while the customer waits, not business time): a retry would only make
/// the customer wait longer for an answer the bot can give without it.
/// </summary>
internal sealed partial class LlmReranker(IHttpClientFactory clients, IOptions<LlmRerankOptions> options, ILogger<LlmReranker> logger) : IIntentReranker
{
    public const string ClientName = "llm-rerank";

    private LlmRerankOptions Options => options.Value;

    public bool Enabled => Options.Enabled;

    public int? MaxCandidates => Options.MaxCandidates;

    public int ExamplesPerCandidate => Options.ExamplesPerCandidate;

    public async Task<RerankResult> RerankAsync(string message, IReadOnlyList<RerankCandidate> candidates, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await AskAsync(message, candidates, cancellationToken);
        var elapsed = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        BotTelemetry.LlmReranks.Add(1, new KeyValuePair<string, object?>("outcome", OutcomeTag(result.Outcome)));
        if (result.Outcome == LlmOutcome.Failed)
        {
            LogFailed(Options.Model!, result.Failure!, elapsed);
        }
        else
        {
            LogAnswered(Options.Model!, OutcomeTag(result.Outcome), elapsed);
        }
        return result;
    }

    private async Task<RerankResult> AskAsync(string message, IReadOnlyList<RerankCandidate> candidates, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Options.Timeout);
        try
        {
            var completion = await Client().CompleteChatAsync(LlmPrompt.Messages(message, candidates), CompletionOptions(), timeout.Token);
            return LlmAnswer.Read(Text(completion.Value), candidates);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return RerankResult.Failed("timed out");
        }
        catch (ClientResultException exception)
        {
            // The exception's message may quote the response body, which may quote the customer: only the status is kept.
            return RerankResult.Failed(exception.Status > 0 ? $"status {exception.Status}" : "the connection failed");
        }
        catch (HttpRequestException)
        {
            return RerankResult.Failed("the connection failed");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A body that is not a chat completion fails inside the SDK's reader with one of several exception types.
            // The stage is optional: whatever went wrong, the recognizer's result stands and the kind is logged.
            return RerankResult.Failed($"unreadable response ({exception.GetType().Name})");
        }
    }

    /// <summary>
    /// A client per call over the factory's handler pool, so connection lifetimes follow the factory's rotation. The
    /// SDK's own retries are off and so is its logging, which would otherwise record request URLs and headers.
    /// </summary>
    private ChatClient Client() => new(Options.Model!, new ApiKeyCredential(string.IsNullOrEmpty(Options.ApiKey) ? LlmRerankOptions.PlaceholderApiKey : Options.ApiKey), new OpenAIClientOptions
    {
        Endpoint = new Uri(Options.Endpoint!),
        Transport = new HttpClientPipelineTransport(clients.CreateClient(ClientName)),
        RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        NetworkTimeout = Options.Timeout,
        ClientLoggingOptions = new ClientLoggingOptions { EnableLogging = false },
    });

    private static ChatCompletionOptions CompletionOptions() => new()
    {
        Temperature = 0,
        ResponseFormat = ChatResponseFormat.CreateJsonObjectFormat(),
    };

    private static string Text(ChatCompletion completion) =>
        string.Concat(completion.Content.Where(part => part.Kind == ChatMessageContentPartKind.Text).Select(part => part.Text));

    private static string OutcomeTag(LlmOutcome outcome) => outcome switch
    {
        LlmOutcome.Picked => "picked",
        LlmOutcome.None => "none",
        _ => "failed",
    };

    [LoggerMessage(EventId = 4500, Level = LogLevel.Debug, Message = "LLM re-ranking with model {Model}: {Outcome} in {ElapsedMs} ms")]
    private partial void LogAnswered(string model, string outcome, long elapsedMs);

    [LoggerMessage(EventId = 4501, Level = LogLevel.Warning, Message = "LLM re-ranking with model {Model} failed after {ElapsedMs} ms: {Failure}; the recognizer's result stands")]
    private partial void LogFailed(string model, string failure, long elapsedMs);
}
