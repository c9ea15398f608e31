using Atendimento.Integration.Tests.Hosting;
using Atendimento.Routing.Agents;
using Atendimento.Routing.Delivery;
using Atendimento.Routing.Tickets;
using Atendimento.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Atendimento.Integration.Tests.Routing;

/// <summary>
/// The customer port for routing tests whose tickets are opened straight in the store, with no conversation behind
/// them: an accept or a resolve has nobody to tell. Everything else in the host is real.
/// </summary>
internal sealed class SilentCustomers : ICustomerConversations
{
    public static void Install(IServiceCollection services) => services.AddSingleton<ICustomerConversations, SilentCustomers>();

    public Task DeliverAgentMessageAsync(Ticket ticket, Agent agent, TicketMessage message, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task TicketAcceptedAsync(Ticket ticket, Agent agent, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task TicketResolvedAsync(Ticket ticket, CancellationToken cancellationToken = default) => Task.CompletedTask;
}

/// <summary>One host on real PostgreSQL and Redis with <see cref="SilentCustomers"/>, shared by a test class.</summary>
public sealed class RoutingHostFixture : IAsyncLifetime
{
    public PostgresSchema Schema { get; private set; } = null!;

    public AtendimentoHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Schema = await PostgresSchema.CreateAsync();
        Host = AtendimentoHost.Start(Schema.ConnectionString, TestEnvironment.Redis, services: SilentCustomers.Install);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Schema.DisposeAsync();
    }
}
