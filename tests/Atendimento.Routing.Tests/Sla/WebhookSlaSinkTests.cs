using System.Collections.Concurrent;
using System.Text.Json;
using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Sla;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Atendimento.Routing.Tests.Sla;

/// <summary>The SLA webhook against a real HTTP receiver on loopback: a signed JSON body, and failures reported.</summary>
public sealed class WebhookSlaSinkTests : IAsyncLifetime
{
    private const string Secret = "segredo-do-webhook-de-teste";
    private static readonly SlaEvent Raised = new(42, new TenantId("conecta"), 7, SlaMoment.FirstResponseBreach,
        new DateTimeOffset(2026, 4, 20, 12, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 4, 20, 12, 0, 0, 3, TimeSpan.Zero));

    private readonly ConcurrentQueue<(string Body, string? Signature, string? EventId)> _received = new();
    private WebApplication _receiver = null!;
    private Uri _url = null!;
    private int _status = StatusCodes.Status204NoContent;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _receiver = builder.Build();
        _receiver.MapPost("/hooks/sla", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            _received.Enqueue((await reader.ReadToEndAsync(), request.Headers[WebhookSlaSink.SignatureHeader], request.Headers["X-Atendimento-Event-Id"]));
            return Results.StatusCode(_status);
        });
        await _receiver.StartAsync();
        var address = _receiver.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _url = new Uri(new Uri(address), "/hooks/sla");
    }

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task The_event_arrives_as_json_signed_with_the_shared_secret()
    {
        await Sink(_url).DeliverAsync(Raised, CancellationToken.None);

        var (body, signature, eventId) = Assert.Single(_received);
        Assert.Equal(WebhookSlaSink.Sign(body, Secret), signature);
        Assert.StartsWith("sha256=", signature, StringComparison.Ordinal);
        Assert.Equal("42", eventId);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(("conecta", 7, "first_response_breach"), (json.RootElement.GetProperty("tenant").GetString(), json.RootElement.GetProperty("ticketId").GetInt64(), json.RootElement.GetProperty("moment").GetString()));
    }

    [Fact]
    public async Task A_receiver_error_is_a_failure_so_the_event_is_tried_again()
    {
        _status = StatusCodes.Status503ServiceUnavailable;

        await Assert.ThrowsAsync<HttpRequestException>(() => Sink(_url).DeliverAsync(Raised, CancellationToken.None));
        Assert.Single(_received);
    }

    [Fact]
    public async Task Without_a_configured_url_nothing_is_sent()
    {
        await Sink(null).DeliverAsync(Raised, CancellationToken.None);

        Assert.Empty(_received);
    }

    private static WebhookSlaSink Sink(Uri? url)
    {
        var services = new ServiceCollection();
        services.AddHttpClient(WebhookSlaSink.ClientName);
        var clients = services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
        return new WebhookSlaSink(clients, Options.Create(new SlaOptions { Webhook = new SlaWebhookOptions { Url = url, Secret = Secret } }));
    }
}
