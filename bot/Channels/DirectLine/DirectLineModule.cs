using Atendimento.Bot.Conversations;
using Atendimento.Platform;
using Microsoft.Extensions.Options;

namespace Atendimento.Bot.Channels.DirectLine;

public static class DirectLineModule
{
    public static IServiceCollection AddDirectLine(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DirectLineOptions>().Bind(configuration.GetSection(DirectLineOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<DirectLineTokens>();
        services.AddSingleton<DirectLineService>();
        services.AddSingleton<DirectLineWakeUps>();
        services.AddSingleton<DirectLineStream>();
        services.AddSingleton<IChannelSender, DirectLineSender>();
        services.AddSingleton<IDirectLineStore>(sp => sp.GetRequiredService<StorageSelection>().UsesPostgres
            ? ActivatorUtilities.CreateInstance<PostgresDirectLineStore>(sp)
            : new InMemoryDirectLineStore());
        services.AddCors(cors => cors.AddPolicy(DirectLineEndpoints.CorsPolicy, policy => policy
            .SetIsOriginAllowed(origin => IsAllowed(configuration, origin))
            // DirectLineJS sends these; the preflight must allow every one (specs §6.9 and addendum).
            .WithHeaders("authorization", "content-type", "x-ms-bot-agent", "x-requested-with")
            .WithMethods("GET", "POST", "OPTIONS")));
        return services;
    }

    public static IEndpointRouteBuilder MapDirectLine(this IEndpointRouteBuilder app)
    {
        DirectLineEndpoints.Map(app);
        return app;
    }

    private static bool IsAllowed(IConfiguration configuration, string origin)
    {
        var allowed = configuration.GetSection($"{DirectLineOptions.Section}:{nameof(DirectLineOptions.AllowedOrigins)}").Get<string[]>() ?? [];
        return allowed.Contains("*", StringComparer.Ordinal) || allowed.Contains(origin, StringComparer.OrdinalIgnoreCase);
    }
}
