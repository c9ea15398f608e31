using Atendimento.Platform;
using Microsoft.Extensions.DependencyInjection;

namespace Atendimento.Routing.Delivery;

public static class DeliveryServiceCollectionExtensions
{
    /// <summary>The delivery state of ticket lines: PostgreSQL when configured, else in memory.</summary>
    public static IServiceCollection AddTicketMessageDeliveries(this IServiceCollection services) =>
        services.AddSingleton<ITicketMessageDeliveries>(sp => sp.GetRequiredService<StorageSelection>().UsesPostgres
            ? ActivatorUtilities.CreateInstance<PostgresTicketMessageDeliveries>(sp)
            : new InMemoryTicketMessageDeliveries());
}
