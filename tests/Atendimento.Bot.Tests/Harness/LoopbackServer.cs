using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Atendimento.Bot.Tests.Harness;

/// <summary>
/// A real Kestrel server on 127.0.0.1 with a port the system picks, for the tests' stand-ins of outside services
/// (business backends, an LLM API). The caller maps its routes before the server starts.
/// </summary>
internal static class LoopbackServer
{
    /// <summary>The started app and its base URL, <c>http://127.0.0.1:PORT</c>.</summary>
    public static async Task<(WebApplication App, string BaseUrl)> StartAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return (app, app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }
}
