using Atendimento.Integration.Tests.Hosting;
using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Tickets;
using Atendimento.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Atendimento.Integration.Tests.Desk.DeskPages;

namespace Atendimento.Integration.Tests.Desk;

/// <summary>
/// The desk page in real Chromium against real hosts on PostgreSQL and Redis, with the customer on the official Web
/// Chat widget in a second page: the handed-off conversation appears without a reload, the agent accepts and
/// replies, the customer sees it and answers, the agent sees the answer and resolves. Once on one instance, once
/// with the agent and the customer on different instances, and once across a dropped feed connection.
/// </summary>
public sealed class DeskBrowserTests(DeskPages pages) : IClassFixture<DeskPages>
{
    /// <summary>
    /// An SLA policy for N1 whose first-response target is already missed when the supervisor looks (one second),
    /// so the screenshots show both a running countdown (resolution) and a ticket at risk.
    /// </summary>
    private static readonly Dictionary<string, string?> ShortSla = new()
    {
        ["Routing:Tickets:Sla:0:Level"] = "N1",
        ["Routing:Tickets:Sla:0:Priority"] = "Normal",
        ["Routing:Tickets:Sla:0:FirstResponse"] = "00:00:01",
        ["Routing:Tickets:Sla:0:Resolution"] = "00:30:00",
    };

    [Fact]
    public async Task An_agent_takes_a_web_chat_conversation_that_appears_live_replies_sees_the_answer_and_resolves()
    {
        await using var hosts = await TwoHosts.StartAsync(ShortSla);
        var (deskContext, desk) = await pages.DeskAsync(hosts.First.BaseAddress, "ana");
        var (customer, ticketId) = await pages.CustomerHandedOffAsync(hosts.First);

        await ConverseAndResolveAsync(desk, customer, ticketId, screenshot: true);
        await deskContext.CloseAsync();
        await SupervisorScreenshotAsync(hosts.First);
    }

    [Fact]
    public async Task The_same_conversation_works_with_the_agent_on_one_instance_and_the_customer_on_the_other()
    {
        await using var hosts = await TwoHosts.StartAsync();
        var (deskContext, desk) = await pages.DeskAsync(hosts.First.BaseAddress, "ana");
        var (customer, ticketId) = await pages.CustomerHandedOffAsync(hosts.Second);

        await ConverseAndResolveAsync(desk, customer, ticketId, screenshot: false);
        await deskContext.CloseAsync();
    }

    [Fact]
    public async Task Two_customer_messages_sent_while_the_agent_s_connection_is_down_show_once_each_after_the_reconnect()
    {
        await using var hosts = await TwoHosts.StartAsync();
        await using var line = new CuttableProxy(hosts.First.BaseAddress);
        var (deskContext, desk) = await pages.DeskAsync(line.BaseAddress, "ana");
        var (customer, ticketId) = await pages.CustomerHandedOffAsync(hosts.Second);
        await AcceptAsync(desk, customer, ticketId);
        var connections = await ConnectionsAsync(desk);

        line.Cut();
        await WaitAsync(desk.Locator("#connection[data-state=offline]"));
        await SayAsync(customer, "primeira mensagem durante a queda");
        await SayAsync(customer, "segunda mensagem durante a queda");
        await hosts.First.Services.GetRequiredService<ITicketStore>().WaitForMessageAsync(ticketId, "segunda mensagem durante a queda");
        Assert.Equal(0, await desk.Locator("#transcript li").Filter(new() { HasText = "mensagem durante a queda" }).CountAsync());
        line.Restore();

        var transcript = desk.Locator("#transcript li[data-author=Customer]");
        await WaitAsync(transcript.Filter(new() { HasText = "primeira mensagem durante a queda" }));
        await WaitAsync(transcript.Filter(new() { HasText = "segunda mensagem durante a queda" }));
        Assert.True(await ConnectionsAsync(desk) > connections, "the feed connected again");
        // One more message after the reconnect: when it shows, anything replayed twice would have shown too.
        await SayAsync(customer, "terceira, depois da volta");
        await WaitAsync(transcript.Filter(new() { HasText = "terceira, depois da volta" }));
        Assert.Equal(1, await transcript.Filter(new() { HasText = "primeira mensagem durante a queda" }).CountAsync());
        Assert.Equal(1, await transcript.Filter(new() { HasText = "segunda mensagem durante a queda" }).CountAsync());
        Assert.Equal(1, await transcript.Filter(new() { HasText = "terceira, depois da volta" }).CountAsync());
        await deskContext.CloseAsync();
    }

    private static async Task ConverseAndResolveAsync(IPage desk, IPage customer, long ticketId, bool screenshot)
    {
        await AcceptAsync(desk, customer, ticketId);
        await desk.Locator("#reply-text").FillAsync("Olá! Aqui é a Ana, da equipe. Como posso ajudar?");
        await desk.Locator("#send").ClickAsync();
        await SeesAsync(customer, "Aqui é a Ana, da equipe");

        await SayAsync(customer, "minha fatura veio com valor errado");
        var answer = desk.Locator("#transcript li[data-author=Customer]").Filter(new() { HasText = "minha fatura veio com valor errado" });
        await WaitAsync(answer);
        Assert.Equal(1, await answer.CountAsync());
        // The list catches up by itself: the customer's answer makes the conversation theirs to wait on again, and
        // the SLA countdown is the resolution's (the first response was given).
        var listed = desk.Locator($"#mine-list li[data-ticket='{ticketId}']");
        await WaitAsync(listed.Filter(new() { HasText = "cliente aguarda" }));
        Assert.DoesNotContain("estourado", await listed.Locator(".countdown").TextContentAsync() ?? "", StringComparison.Ordinal);
        if (screenshot)
        {
            await desk.Locator("#canned").SelectOptionAsync(new SelectOptionValue { Label = "Um momento" });
            await desk.ScreenshotAsync(new PageScreenshotOptions { Path = DocsImage("desk.png") });
        }

        await desk.Locator("#resolve").ClickAsync();
        await SeesAsync(customer, "foi encerrado");
        await WaitAsync(desk.Locator("#transcript li[data-author=System]"));
        await WaitAsync(desk.Locator("#reopen"));
        // The lists refresh a moment after the feed event; the resolved conversation must leave "Minhas conversas".
        await desk.Locator($"#mine-list li[data-ticket='{ticketId}']").WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 15_000 });
        Assert.Equal(0, await desk.Locator($"#mine-list li[data-ticket='{ticketId}']").CountAsync());
    }

    /// <summary>The ticket shows up in the queue by itself (no reload); the agent opens it, checks the handoff record and accepts.</summary>
    private static async Task AcceptAsync(IPage desk, IPage customer, long ticketId)
    {
        var queued = desk.Locator($"#queue-list li[data-ticket='{ticketId}']");
        await WaitAsync(queued);
        await queued.ClickAsync();
        await WaitAsync(desk.Locator("#handoff-details dd").Filter(new() { HasText = "cliente pediu um atendente" }));
        // The recognition trail: the customer's words, the intent the recognizer gave them and its confidence.
        await WaitAsync(desk.Locator("#handoff-trail li").Filter(new() { HasText = "quero falar com um atendente" }).Filter(new() { HasText = "→ falar_com_atendente (" }));
        await WaitAsync(desk.Locator("#transcript li[data-author=Bot]").First);
        await desk.Locator("#accept").ClickAsync();
        await SeesAsync(customer, "entrou na conversa");
        await WaitAsync(desk.Locator($"#mine-list li[data-ticket='{ticketId}']"));
    }

    private static async Task<int> ConnectionsAsync(IPage desk) =>
        int.Parse(await desk.Locator("body").GetAttributeAsync("data-connections") ?? "0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The supervisor's view with the first conversation resolved and a second customer waiting.</summary>
    private async Task SupervisorScreenshotAsync(AtendimentoHost host)
    {
        _ = await pages.CustomerHandedOffAsync(host);
        var (context, supervisor) = await pages.DeskAsync(host.BaseAddress, "sofia");
        await supervisor.Locator("#tab-supervisor").ClickAsync();
        await WaitAsync(supervisor.Locator("#sup-queues tr").First);
        await WaitAsync(supervisor.Locator("#sup-agents tr").First);
        await WaitAsync(supervisor.Locator("#sup-risk tr.sla-breach").First);
        await supervisor.ScreenshotAsync(new PageScreenshotOptions { Path = DocsImage("supervisor.png") });
        await context.CloseAsync();
    }
}

internal static class TicketStoreWaits
{
    /// <summary>Waits until the customer's message is on the ticket: it reached the server while the agent was cut off.</summary>
    public static Task WaitForMessageAsync(this ITicketStore store, long ticketId, string text) =>
        Eventually.TrueAsync(async () => (await store.GetMessagesAsync(TenantId.Default, new TicketId(ticketId))).Any(m => m.Text == text),
            $"the customer's message '{text}' on ticket {ticketId}");
}
