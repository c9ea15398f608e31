using Atendimento.Platform;
using Atendimento.Platform.Postgres;
using Atendimento.Routing.Agents;
using Atendimento.Routing.Api;
using Atendimento.Routing.Assignment;
using Atendimento.Routing.Delivery;
using Atendimento.Routing.Desk;
using Atendimento.Routing.Kpis;
using Atendimento.Routing.Sla;
using Atendimento.Routing.Tickets;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Atendimento.Routing;

public static class RoutingModule
{
    /// <summary>Tickets, agents and the agent API. Expects <see cref="PlatformServiceCollectionExtensions.AddPlatform"/> first.</summary>
    public static IServiceCollection AddTicketRouting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RoutingOptions>().Bind(configuration.GetSection(RoutingOptions.Section));
        services.AddSingleton(new MigrationSet("routing", 10, typeof(RoutingModule).Assembly));
        services.AddAssignment(configuration);
        services.AddSingleton<IAgentDirectory>(sp => sp.GetRequiredService<StorageSelection>().UsesPostgres
            ? ActivatorUtilities.CreateInstance<PostgresAgentDirectory>(sp)
            : new InMemoryAgentDirectory());
        services.AddOptions<TicketOptions>().Bind(configuration.GetSection(TicketOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ITicketEvents, Desk.Feed.DeskTicketEvents>();
        services.AddSingleton<TicketWriter>();
        services.AddTicketMessageDeliveries();
        services.AddSingleton<TicketService>();
        services.AddSingleton<CustomerMessages>();
        services.AddSla(configuration);
        services.AddKpis();
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

    /// <summary>
    /// The ticket store (wrapped so that every change that may free or need an agent wakes the dispatcher), agents'
    /// presence, and the engine that assigns queued tickets (push), lets agents take them (pick) and overflows them.
    /// </summary>
    private static IServiceCollection AddAssignment(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AssignmentOptions>().Bind(configuration.GetSection(AssignmentOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new UnsignalledTicketStore(sp.GetRequiredService<StorageSelection>().UsesPostgres
            ? ActivatorUtilities.CreateInstance<PostgresTicketStore>(sp)
            : new InMemoryTicketStore()));
        services.AddSingleton<ITicketStore>(sp => new SignallingTicketStore(
            sp.GetRequiredService<UnsignalledTicketStore>().Store, sp.GetRequiredService<AssignmentSignal>()));
        // One store object behind both interfaces: the dispatcher reads the rows the ticket paths write.
        services.AddSingleton(sp => (IAssignmentStore)sp.GetRequiredService<UnsignalledTicketStore>().Store);
        services.AddSingleton<IAgentPresenceStore>(sp => sp.GetRequiredService<StorageSelection>().UsesPostgres
            ? ActivatorUtilities.CreateInstance<PostgresAgentPresenceStore>(sp)
            : new InMemoryAgentPresenceStore());
        services.AddSingleton<AssignmentSignal>();
        services.AddSingleton<AgentRoster>();
        services.AddSingleton<AgentPresenceService>();
        services.AddSingleton<TicketPicker>();
        services.AddSingleton<AssignmentDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<AssignmentDispatcher>());
        return services;
    }

    /// <summary>SLA timers, the watcher that raises their events at the moment, and the deliveries to the feed and the webhook.</summary>
    private static IServiceCollection AddSla(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SlaOptions>().Bind(configuration.GetSection(SlaOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SlaOptions>, SlaOptionsValidation>();
        services.AddSingleton<SlaCalendars>();
        services.AddSingleton<SlaPolicy>();
        services.AddSingleton<TicketSla>();
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
        services.AddSingleton(sp => (IActiveTicketScan)sp.GetRequiredService<UnsignalledTicketStore>().Store);
        services.AddHostedService<SlaTimerReconciliation>();
        return services;
    }

    /// <summary>The KPIs: SQL on PostgreSQL, or the same definitions over the in-memory tickets of the embedded default.</summary>
    private static IServiceCollection AddKpis(this IServiceCollection services)
    {
        services.AddSingleton<IKpiStore>(sp => sp.GetRequiredService<StorageSelection>().UsesPostgres
            ? ActivatorUtilities.CreateInstance<PostgresKpiStore>(sp)
            : new InMemoryKpiStore(sp.GetRequiredService<ITicketStore>() as InMemoryTicketStore
                ?? throw new InvalidOperationException("The in-memory KPIs read the in-memory ticket store; register InMemoryTicketStore as ITicketStore.")));
        // The bot module replaces this with the resolutions it records.
        services.TryAddSingleton<IBotResolutions, NoBotResolutions>();
        services.AddSingleton<KpiService>();
        return services;
    }

    public static IEndpointRouteBuilder MapTicketRouting(this IEndpointRouteBuilder app)
    {
        TicketEndpoints.Map(app);
        AgentEndpoints.Map(app);
        KpiEndpoints.Map(app);
        app.MapDesk();
        return app;
    }
}
