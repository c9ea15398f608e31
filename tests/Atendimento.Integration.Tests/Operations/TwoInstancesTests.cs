using Atendimento.Integration.Tests.Api;
using Atendimento.Integration.Tests.DirectLine;
using Atendimento.Integration.Tests.Hosting;
using Atendimento.Testing;

namespace Atendimento.Integration.Tests.Operations;

/// <summary>
/// Two instances on one PostgreSQL and one Redis, as behind a load balancer: what happens on one reaches a
/// customer streaming from the other, because stream wake-ups travel through Redis and the state through PostgreSQL.
/// </summary>
public sealed class TwoInstancesTests : IAsyncLifetime
{
    private TwoHosts _hosts = null!;

    public async Task InitializeAsync()
    {
        _hosts = await TwoHosts.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _hosts.DisposeAsync();
    }

    [Fact]
    public async Task An_agent_reply_posted_on_one_instance_reaches_the_stream_held_by_the_other()
    {
        await using var customer = await DirectLineTestClient.StartAsync(_hosts.First);
        await customer.ExpectTextAsync("Como posso ajudar?");
        await customer.SendAsync("quero falar com um atendente");
        await customer.ExpectTextAsync("Seu protocolo é");

        using var agentOnSecond = new AgentApiClient(_hosts.Second.Http(AtendimentoHost.AnaKey));
        var ticket = await agentOnSecond.WaitForOpenTicketAsync();
        await agentOnSecond.AcceptAsync(ticket.Id);
        await agentOnSecond.ReplyAsync(ticket.Id, "Olá, aqui é a Ana, pela outra instância.");

        var reply = await customer.ExpectTextAsync("pela outra instância");
        Assert.Equal("agent:ana", reply.From?.Id);
    }

    [Fact]
    public async Task A_customer_message_posted_through_the_other_instance_reaches_the_ticket_and_the_stream()
    {
        await using var customer = await DirectLineTestClient.StartAsync(_hosts.First);
        await customer.ExpectTextAsync("Como posso ajudar?");
        using var throughSecond = _hosts.Second.Http(customer.Conversation.Token);

        using var posted = await throughSecond.PostAsync(
            $"/v3/directline/conversations/{customer.Conversation.ConversationId}/activities",
            new StringContent("""{"type":"message","text":"quero conhecer os planos","channelData":{"clientActivityID":"via-second"}}""",
                System.Text.Encoding.UTF8, "application/json"));

        posted.EnsureSuccessStatusCode();
        await customer.ExpectTextAsync("quero conhecer os planos");
        await customer.ExpectTextAsync("Nossos planos de fibra");
    }
}
