using Atendimento.Platform;
using Atendimento.Routing.Desk.Feed;
using Atendimento.Routing.Desk.Identity;
using Atendimento.Routing.Desk.Page;
using Atendimento.Routing.Desk.Tickets;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Atendimento.Routing.Desk;

/// <summary>The agent desk: accounts, cookie sessions with CSRF protection, role policies, and the live feed.</summary>
internal static class DeskModule
{
    public static IServiceCollection AddDesk(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DeskOptions>().Bind(configuration.GetSection(DeskOptions.Section));
        services.AddSingleton<IDeskUserStore>(sp => sp.GetRequiredService<StorageSelection>().UsesPostgres
            ? ActivatorUtilities.CreateInstance<PostgresDeskUserStore>(sp)
            : new InMemoryDeskUserStore());
        // With Redis every instance shares the count, so N instances do not give a guesser N times the tries.
        services.AddSingleton<ISignInThrottle>(sp => sp.GetRequiredService<StorageSelection>().UsesRedis
            ? ActivatorUtilities.CreateInstance<RedisSignInThrottle>(sp)
            : ActivatorUtilities.CreateInstance<InMemorySignInThrottle>(sp));
        services.AddSingleton<IDeskEventLog>(sp => sp.GetRequiredService<StorageSelection>().UsesPostgres
            ? ActivatorUtilities.CreateInstance<PostgresDeskEventLog>(sp)
            : new InMemoryDeskEventLog());
        services.AddSingleton<DeskFeed>();
        services.AddSingleton<DeskSignIn>();
        // The section's keys are tenant ids, each with its list: bound into the dictionary itself.
        services.AddOptions<CannedResponseOptions>().Configure(options => configuration.GetSection(CannedResponseOptions.Section).Bind(options.Tenants));
        services.AddHostedService<DevelopmentDeskUserSeeder>();
        services.AddDataProtection().SetApplicationName("Atendimento");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(options =>
        {
            if (sp.GetRequiredService<StorageSelection>().UsesPostgres)
            {
                options.XmlRepository = new PostgresXmlRepository(sp.GetRequiredService<NpgsqlDataSource>());
            }
        }));
        services.AddAntiforgery(options =>
        {
            options.HeaderName = DeskAuthentication.CsrfHeader;
            options.Cookie.Name = "atendimento.desk.csrf";
            options.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict;
        });
        services.AddAuthentication().AddCookie(DeskAuthentication.Scheme, DeskAuthentication.Configure);
        services.AddAuthorizationBuilder()
            .AddPolicy(DeskAuthentication.AnyUserPolicy, policy => policy.AddAuthenticationSchemes(DeskAuthentication.Scheme).RequireAuthenticatedUser())
            .AddPolicy(DeskAuthentication.AgentPolicy, policy => policy.AddAuthenticationSchemes(DeskAuthentication.Scheme)
                .RequireAuthenticatedUser().RequireClaim(DeskAuthentication.AgentClaim))
            .AddPolicy(DeskAuthentication.SupervisorPolicy, policy => policy.AddAuthenticationSchemes(DeskAuthentication.Scheme)
                .RequireRole(nameof(DeskRole.Supervisor), nameof(DeskRole.Admin)))
            .AddPolicy(DeskAuthentication.AdminPolicy, policy => policy.AddAuthenticationSchemes(DeskAuthentication.Scheme).RequireRole(nameof(DeskRole.Admin)));
        return services;
    }

    public static IEndpointRouteBuilder MapDesk(this IEndpointRouteBuilder app)
    {
        DeskSessionEndpoints.Map(app);
        DeskFeedEndpoints.Map(app);
        DeskTicketEndpoints.Map(app);
        DeskPageEndpoints.Map(app);
        return app;
    }
}
