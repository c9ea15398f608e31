namespace Atendimento.Bot.WebChat;

public static class WebChatModule
{
    public static IServiceCollection AddWebChatPage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebChatOptions>().Bind(configuration.GetSection(WebChatOptions.Section));
        return services;
    }

    public static IEndpointRouteBuilder MapWebChatPage(this IEndpointRouteBuilder app)
    {
        WebChatEndpoints.Map(app);
        return app;
    }
}
