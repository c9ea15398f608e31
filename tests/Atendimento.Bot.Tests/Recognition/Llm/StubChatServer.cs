using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Atendimento.Bot.Tests.Harness;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Atendimento.Bot.Tests.Recognition.Llm;

/// <summary>One chat completion request the stub received, with the payload the bot put in its user message.</summary>
internal sealed record ChatRequest(string Method, string Path, string? Authorization, JsonNode Body)
{
    public string? Model => (string?)Body["model"];

    /// <summary>The JSON object the bot sends as the user turn: the customer's message and the candidates.</summary>
    public JsonNode Payload => JsonNode.Parse((string)Body["messages"]!.AsArray().Single(m => (string?)m!["role"] == "user")!["content"]!)!;

    public IReadOnlyList<string> CandidateIntents => [.. Payload["candidates"]!.AsArray().Select(c => (string)c!["intent"]!)];
}

/// <summary>
/// An OpenAI-compatible server on a real loopback Kestrel: every POST to <c>/v1/chat/completions</c> is recorded
/// and answered by the test's handler, which gets the request and writes the response (usually
/// <see cref="CompletionAsync"/>: a chat completion in the wire shape the OpenAI API returns).
/// </summary>
internal sealed class StubChatServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ChatRequest> _requests;

    private StubChatServer(WebApplication app, ConcurrentQueue<ChatRequest> requests) => (_app, _requests) = (app, requests);

    /// <summary>The base URL the bot is configured with, as for a real server: <c>http://127.0.0.1:PORT/v1</c>.</summary>
    public string Endpoint { get; private init; } = "";

    public IReadOnlyList<ChatRequest> Requests => [.. _requests];

    public static async Task<StubChatServer> StartAsync(Func<HttpContext, ChatRequest, Task> answer)
    {
        var requests = new ConcurrentQueue<ChatRequest>();
        var (app, baseUrl) = await LoopbackServer.StartAsync(web => web.MapPost("/v1/chat/completions", async context =>
        {
            var body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            var request = new ChatRequest(context.Request.Method, context.Request.Path.Value ?? "", context.Request.Headers.Authorization.ToString(), body!);
            requests.Enqueue(request);
            await answer(context, request);
        }));
        return new StubChatServer(app, requests) { Endpoint = baseUrl + "/v1" };
    }

    /// <summary>A successful chat completion whose assistant message is <paramref name="content"/>.</summary>
    public static Task CompletionAsync(HttpContext context, ChatRequest request, string content)
    {
        var completion = new JsonObject
        {
            ["id"] = "chatcmpl-stub-1",
            ["object"] = "chat.completion",
            ["created"] = 1_763_000_000,
            ["model"] = request.Model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content, ["refusal"] = null },
                ["logprobs"] = null,
                ["finish_reason"] = "stop",
            }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = 182, ["completion_tokens"] = 9, ["total_tokens"] = 191 },
            ["system_fingerprint"] = "fp_stub",
        };
        return JsonAsync(context, completion.ToJsonString());
    }

    /// <summary>The model's answer naming <paramref name="intent"/>, as JSON mode makes it.</summary>
    public static Task PickAsync(HttpContext context, ChatRequest request, string intent) =>
        CompletionAsync(context, request, JsonSerializer.Serialize(new { intent }));

    public static Task JsonAsync(HttpContext context, string json, int status = StatusCodes.Status200OK)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(json, context.RequestAborted);
    }

    /// <summary>Answers only after <paramref name="delay"/>, or not at all when the client gives up first.</summary>
    public static async Task SlowAsync(HttpContext context, ChatRequest request, TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        await PickAsync(context, request, request.CandidateIntents[0]);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
