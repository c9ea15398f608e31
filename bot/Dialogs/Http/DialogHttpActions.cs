using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Registry;
using Polly.Retry;
using Polly.Timeout;

namespace Atendimento.Bot.Dialogs.Http;

/// <summary>
/// Calls business backends for http steps through the named HttpClient <see cref="ClientName"/>, each attempt
/// bounded by the step's timeout, transient failures (connection errors, timeouts, 408, 429, 5xx) retried with
/// exponential backoff. The waits are on the real clock: they bound network I/O, not business time.
/// </summary>
internal sealed partial class DialogHttpActions(IHttpClientFactory clients, IOptions<DialogOptions> options, ILogger<DialogHttpActions> logger) : IDialogActions
{
    public const string ClientName = "dialogs-backends";

    private readonly ResiliencePipelineRegistry<string> _pipelines = new();

    public async Task<HttpCallOutcome> CallAsync(HttpStep step, IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken = default)
    {
        if (!options.Value.Backends.TryGetValue(step.Backend, out var backend) || !Uri.TryCreate(backend.BaseUrl, UriKind.Absolute, out _))
        {
            return Failed(step, "the backend is not configured");
        }
        var uri = new Uri(backend.BaseUrl.TrimEnd('/') + "/" + Placeholders.Fill(step.Path, values, Uri.EscapeDataString).TrimStart('/'));
        var body = JsonTemplates.Fill(step.Body, values)?.ToJsonString();
        try
        {
            using var response = await Pipeline(step, backend).ExecuteAsync(
                async token => await SendAsync(step.Method, uri, body, backend, token), cancellationToken);
            return response.IsSuccessStatusCode
                ? MapResponse(step, await response.Content.ReadAsStringAsync(cancellationToken))
                : Failed(step, $"status {(int)response.StatusCode}");
        }
        catch (Exception exception) when (exception is HttpRequestException or TimeoutRejectedException
            || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return Failed(step, exception is TimeoutRejectedException ? "timed out" : "the connection failed");
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri uri, string? body, DialogBackendOptions backend, CancellationToken cancellationToken)
    {
        // A new request per attempt: a sent HttpRequestMessage cannot be sent again.
        using var request = new HttpRequestMessage(method, uri);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }
        foreach (var (name, value) in backend.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        return await clients.CreateClient(ClientName).SendAsync(request, cancellationToken);
    }

    private HttpCallOutcome MapResponse(HttpStep step, string json)
    {
        JsonNode? root;
        try
        {
            root = step.Map.Count == 0 ? null : JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return Failed(step, "the response is not JSON");
        }
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (variable, path) in step.Map)
        {
            if (JsonTemplates.Read(root, path) is not { } value)
            {
                return Failed(step, $"the response has no '{path}'");
            }
            values[variable] = value;
        }
        return new HttpCallOutcome(true, values);
    }

    private ResiliencePipeline<HttpResponseMessage> Pipeline(HttpStep step, DialogBackendOptions backend) =>
        _pipelines.GetOrAddPipeline<HttpResponseMessage>($"{step.Backend}|{step.Retries}|{step.Timeout.Ticks}", builder =>
        {
            if (step.Retries > 0)
            {
                builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
                {
                    MaxRetryAttempts = step.Retries,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = backend.RetryDelay,
                    ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                        .Handle<HttpRequestException>()
                        .Handle<TimeoutRejectedException>()
                        .HandleResult(response => IsTransient(response.StatusCode)),
                });
            }
            builder.AddTimeout(step.Timeout);
        });

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    private HttpCallOutcome Failed(HttpStep step, string failure)
    {
        LogCallFailed(step.Backend, step.Line, failure);
        return HttpCallOutcome.Failed(failure);
    }

    [LoggerMessage(EventId = 4420, Level = LogLevel.Warning, Message = "The http step at line {Line} calling backend {Backend} failed: {Failure}")]
    private partial void LogCallFailed(string backend, int line, string failure);
}
