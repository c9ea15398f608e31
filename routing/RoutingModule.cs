using Atendimento.Platform;
using Atendimento.Platform.Postgres;
using Atendimento.Routing.Agents;
using Atendimento.Routing.Api;
using Atendimento.Routing.Delivery;
using Atendimento.Routing.Desk;
using Atendimento.Routing.Sla;
using Atendimento.Routing.Tickets;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Atendimento.Routing;

public static class RoutingModule
{
    /// <summary>Tickets, agents and the agent API. Expects <see cref="PlatformServiceCollectionExtensions.AddPlatform"/> first.</summary>
    public static IServiceCollection AddTicketRouting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RoutingOptions>().Bind(configuration.GetSection(RoutingOptions.Section));
        services.AddSingleton(new MigrationSet("routing", 10, typeof(RoutingModule).Assembly));
        services.AddSingleton<ITicketStore>(sp => sp.GetRequiredService<StorageSelection>().UsesPostgres
            ? ActivatorUtilities.CreateInstance<PostgresTicketStore>(sp)
            : new InMemoryTicketStore());
        services.AddSingleton<IAgentDirectory>(sp => sp.GetRequiredService<StorageSelection>().UsesPostgres
            ? ActivatorUtilities.CreateInstance<PostgresAgentDirectory>(sp)
            : new InMemoryAgentDirectory());
        services.AddOptions<TicketOptions>().Bind(configuration.GetSection(TicketOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ITicketEvents, Desk.Feed.DeskTicketEvents>();
        services.AddSingleton<TicketWriter>();
        services.AddTicketMessageDeliveries();
        services.AddSingleton<TicketService>();
        services.AddSingleton<CustomerMessages>();
        services.AddSingleton<SlaPolicy>();
        services.AddSla(configuration);
        services.AddDesk(configuration);
        services.AddHostedService<DevelopmentAgentSeeder>();
        // Not the default scheme: only the agent API asks for it (the host suppresses ASP.NET Core's habit of
        // making a lone scheme the default), so Direct Line tokens are never looked up as agent keys.
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiKeyAuthenticationHandler.AgentPolicy, policy => policy
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser()
                .RequireClaim(ApiKeyAuthenticationHandler.TenantClaim));
        return services;
    }

    /// <summary>SLA timers, the watcher that raises their events at the moment, and the deliveries to the feed and the webhook.</summary>
    private static IServiceCollection AddSla(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SlaOptions>().Bind(configuration.GetSection(SlaOptions.Section));
        services.AddSingleton<ISlaTimerStore>(sp => sp.GetRequiredService<StorageSelection>().UsesPostgres
            ? ActivatorUtilities.CreateInstance<PostgresSlaTimerStore>(sp)
            : new InMemorySlaTimerStore());
        services.AddSingleton<SlaWakeUp>();
        services.AddSingleton<SlaScheduler>();
        services.AddSingleton<ISlaEventSink, DeskFeedSlaSink>();
        services.AddSingleton<ISlaEventSink, WebhookSlaSink>();
        services.AddHttpClient(WebhookSlaSink.ClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<SlaDeliveries>();
        services.AddHostedService(sp => sp.GetRequiredService<SlaDeliveries>());
        services.AddHostedService<SlaWatcher>();
        return services;
    }

    public static IEndpointRouteBuilder MapTicketRouting(this IEndpointRouteBuilder app)
    {
        TicketEndpoints.Map(app);
        app.MapDesk();
        return app;
    }
}
