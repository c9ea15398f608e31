using Atendimento.Platform;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Atendimento.Bot.Hosting;

/// <summary>Tells a newcomer where everything is, once the server listens.</summary>
internal static class StartupBanner
{
    public static void Print(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:3978";
        var storage = app.Services.GetRequiredService<StorageSelection>();
        var engines = storage.UsesPostgres ? "PostgreSQL" : "in-memory (embedded default)";
        engines += storage.UsesRedis ? " + Redis" : " + in-process pub/sub";
        Console.WriteLine($"""

            Atendimento is running on {engines}.
              Web Chat page     {address}/
              Agent desk        {address}/desk
              Emulator endpoint {address}/api/messages
              Agent API         {address}/api/v1/tickets   (OpenAPI: {address}/openapi/v1.json)
              Direct Line       {address}/v3/directline
              Health            {address}/health/live, {address}/health/ready

            """);
    }
}
