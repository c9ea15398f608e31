using Atendimento.Bot.Conversations;
using Atendimento.Bot.Dialogs;
using Atendimento.Bot.Dialogs.Http;
using Atendimento.Bot.Recognition.Llm;
using Atendimento.Bot.Recognition.Trained;
using Atendimento.Platform;
using Atendimento.Platform.Postgres;
using Atendimento.Routing.Delivery;

namespace Atendimento.Bot;

public static class BotModule
{
    /// <summary>Conversations, the turn, the dialogs and the recognizer, and the port routing uses to reach customers.</summary>
    public static IServiceCollection AddBot(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(new MigrationSet("bot", 30, typeof(BotModule).Assembly));
        services.AddOptions<DialogOptions>().Bind(configuration.GetSection(DialogOptions.Section));
        services.AddSingleton<IIntentRecognizerFactory, DialogRecognizerTrainer>();
        services.AddLlmReranking(configuration);
        services.AddSingleton<DialogCatalog>();
        services.AddHostedService<DialogCatalogStartup>();
        services.AddHttpClient(DialogHttpActions.ClientName);
        services.AddSingleton<IDialogActions, DialogHttpActions>();
        services.AddSingleton<ConversationBot>();
        services.AddSingleton<OutboundActivities>();
        services.AddSingleton<TurnLocks>();
        services.AddSingleton<TurnHandler>();
        services.AddSingleton<ChannelSenders>();
        services.AddSingleton<ConversationTurnProcessor>();
        services.AddSingleton<ICustomerConversations, CustomerConversations>();
        services.AddSingleton<InactivitySweeper>();
        services.AddHostedService<InactivityWatcher>();
        services.AddSingleton<IBotResolutionLog>(sp => sp.GetRequiredService<StorageSelection>().UsesPostgres
            ? ActivatorUtilities.CreateInstance<PostgresBotResolutionLog>(sp)
            : new InMemoryBotResolutionLog());
        // The KPIs read what the bot records (routing's default says "not measured").
        services.AddSingleton<Atendimento.Routing.Kpis.IBotResolutions>(sp => sp.GetRequiredService<IBotResolutionLog>());
        services.AddSingleton<IConversationStore>(sp => sp.GetRequiredService<StorageSelection>().UsesPostgres
            ? ActivatorUtilities.CreateInstance<PostgresConversationStore>(sp)
            : new InMemoryConversationStore());
        return services;
    }
}
