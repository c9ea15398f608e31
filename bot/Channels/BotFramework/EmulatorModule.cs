using Atendimento.Bot.Conversations;

namespace Atendimento.Bot.Channels.BotFramework;

public static class EmulatorModule
{
    public static IServiceCollection AddEmulatorChannel(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmulatorOptions>().Bind(configuration.GetSection(EmulatorOptions.Section));
        services.AddHttpClient(ConnectorClient.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(15));
        services.AddSingleton<ConnectorClient>();
        services.AddSingleton<IChannelSender, EmulatorSender>();
        return services;
    }

    public static IEndpointRouteBuilder MapEmulatorChannel(this IEndpointRouteBuilder app)
    {
        EmulatorEndpoints.Map(app);
        return app;
    }
}
