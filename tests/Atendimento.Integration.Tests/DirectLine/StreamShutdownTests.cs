using System.Net.WebSockets;
using Atendimento.Integration.Tests.Hosting;
using Atendimento.Testing;

namespace Atendimento.Integration.Tests.DirectLine;

public sealed class StreamShutdownTests
{
    [Fact]
    public async Task Stopping_the_host_closes_open_streams_with_a_close_frame_so_clients_reconnect_at_once()
    {
        var host = AtendimentoHost.Start(postgres: null, redis: null);
        await using var customer = await DirectLineTestClient.StartAsync(host);
        await customer.ExpectTextAsync("Como posso ajudar?");

        await host.DisposeAsync();

        await Eventually.TrueAsync(() => Task.FromResult(customer.CloseStatus is not null), "the server's close frame", TimeSpan.FromSeconds(10));
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, customer.CloseStatus);
    }
}
