using Atendimento.Bot.Admin;
using Atendimento.Bot.Channels.WhatsApp.DeadLetters;
using Atendimento.Bot.Conversations;
using Atendimento.Platform;
using Microsoft.Extensions.Options;

namespace Atendimento.Bot.Channels.WhatsApp;

public static class WhatsAppModule
{
    /// <summary>The WhatsApp Cloud API channel: webhook, inbox and its processor, outbox and sender.</summary>
    public static IServiceCollection AddWhatsApp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WhatsAppOptions>().Bind(configuration.GetSection(WhatsAppOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient(GraphApiClient.HttpClientName).ConfigureHttpClient((sp, client) =>
            client.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<WhatsAppOptions>>().Value.Resilience.SendTimeoutSeconds));
        services.AddSingleton<GraphApiClient>();
        services.AddSingleton<GraphSendPipelines>();
        services.AddSingleton<WhatsAppInboxSignal>();
        services.AddSingleton<WhatsAppOutboxSignal>();
        services.AddSingleton<TicketDeliveryReports>();
        services.AddSingleton<WhatsAppDelivery>();
        services.AddSingleton<IChannelSender, WhatsAppSender>();
        services.AddSingleton<WhatsAppReadReceipts>();
        services.AddHostedService<WhatsAppInboxProcessor>();
        services.AddHostedService<WhatsAppOutboxDispatcher>();
        services.AddSingleton<IWhatsAppInbox>(sp => sp.GetRequiredService<StorageSelection>().UsesPostgres
            ? ActivatorUtilities.CreateInstance<PostgresWhatsAppInbox>(sp)
            : new InMemoryWhatsAppInbox());
        services.AddSingleton<IWhatsAppOutbox>(sp => sp.GetRequiredService<StorageSelection>().UsesPostgres
            ? ActivatorUtilities.CreateInstance<PostgresWhatsAppOutbox>(sp)
            : new InMemoryWhatsAppOutbox());
        // The dead letters are outbox rows: the same store answers both.
        services.AddSingleton(sp => (IWhatsAppDeadLetters)sp.GetRequiredService<IWhatsAppOutbox>());
        services.AddSingleton<IRedriveAudit>(sp => sp.GetRequiredService<StorageSelection>().UsesPostgres
            ? ActivatorUtilities.CreateInstance<PostgresRedriveAudit>(sp)
            : new InMemoryRedriveAudit());
        services.AddSingleton<DeadLetterRedrive>();
        services.AddAdminAuthorization(configuration);
        services.AddSingleton<IWhatsAppSendRate>(sp => sp.GetRequiredService<StorageSelection>().UsesRedis
            ? ActivatorUtilities.CreateInstance<RedisWhatsAppSendRate>(sp, MessagesPerSecond(sp))
            : new InMemoryWhatsAppSendRate(MessagesPerSecond(sp)));
        return services;
    }

    public static IEndpointRouteBuilder MapWhatsApp(this IEndpointRouteBuilder app)
    {
        WhatsAppEndpoints.Map(app);
        DeadLetterEndpoints.Map(app);
        return app;
    }

    private static double MessagesPerSecond(IServiceProvider services) =>
        services.GetRequiredService<IOptions<WhatsAppOptions>>().Value.PacedMessagesPerSecond;
}
