using Microsoft.Extensions.DependencyInjection;

namespace Atendimento.Handoff;

public static class HandoffModule
{
    public static IServiceCollection AddHandoff(this IServiceCollection services)
    {
        services.AddSingleton<HandoffService>();
        services.AddSingleton<HandoffRelay>();
        return services;
    }
}
