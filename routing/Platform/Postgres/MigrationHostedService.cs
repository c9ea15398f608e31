using Microsoft.Extensions.Hosting;

namespace Atendimento.Platform.Postgres;

/// <summary>Runs the migrations before the server starts taking requests.</summary>
internal sealed class MigrationHostedService(MigrationRunner runner) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => runner.ApplyAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
