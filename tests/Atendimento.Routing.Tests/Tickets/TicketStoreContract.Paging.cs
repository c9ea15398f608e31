using Atendimento.Routing.Sla;
using Atendimento.Routing.Tickets;
using static Atendimento.Routing.Tests.Tickets.TicketBuilder;

namespace Atendimento.Routing.Tests.Tickets;

/// <summary>The contract's part on lists: filters, and pages that neither skip nor repeat a ticket.</summary>
public abstract partial class TicketStoreContract
{
    [Fact]
    public async Task ListAsync_pages_through_every_ticket_once_newest_first_even_when_tickets_change_between_pages()
    {
        var store = await CreateStoreAsync();
        var ids = new List<long>();
        for (var i = 0; i < 7; i++)
        {
            ids.Add((await store.OpenAsync(ATicket().ForTenant(Acme).ForConversation($"c{i}").BuildRequest(), [])).Ticket.Id.Value);
        }

        var first = await store.ListAsync(Acme, new TicketQuery(Limit: 3));
        await ChangeAsync(store, new TicketId(ids[0]), t => t.AddTag("mudou"));
        var second = await store.ListAsync(Acme, new TicketQuery(BeforeId: first.NextBeforeId, Limit: 3));
        var third = await store.ListAsync(Acme, new TicketQuery(BeforeId: second.NextBeforeId, Limit: 3));

        ids.Reverse();
        Assert.Equal(ids, first.Items.Concat(second.Items).Concat(third.Items).Select(t => t.Id.Value));
        Assert.Equal((3, 3, 1), (first.Items.Count, second.Items.Count, third.Items.Count));
        Assert.NotNull(second.NextBeforeId);
        Assert.Null(third.NextBeforeId);
    }

    [Fact]
    public async Task The_active_scan_pages_through_every_tenant_in_key_order_and_skips_ended_tickets()
    {
        var store = await CreateStoreAsync();
        var globex = (await store.OpenAsync(ATicket().ForTenant(Globex).ForConversation("g").BuildRequest(), [])).Ticket.Id.Value;
        var acme = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            acme.Add((await store.OpenAsync(ATicket().ForTenant(Acme).ForConversation($"a{i}").BuildRequest(), [])).Ticket.Id.Value);
        }
        await ResolveAsync(store, new TicketId(acme[1]), "ana");
        var scan = (IActiveTicketScan)store;

        var first = await scan.ActiveAfterAsync(SlaTicketKey.Start, 2);
        var second = await scan.ActiveAfterAsync(new SlaTicketKey(first[^1].TenantId, first[^1].Id.Value), 2);
        var third = await scan.ActiveAfterAsync(new SlaTicketKey(second[^1].TenantId, second[^1].Id.Value), 2);

        Assert.Equal([(Acme, acme[0]), (Acme, acme[2]), (Acme, acme[3]), (Globex, globex)],
            first.Concat(second).Concat(third).Select(t => (t.TenantId, t.Id.Value)));
        Assert.Empty(await scan.ActiveAfterAsync(new SlaTicketKey(Globex, globex), 2));
    }

    [Fact]
    public async Task ListAsync_with_exactly_a_page_of_tickets_says_there_is_no_next_page()
    {
        var store = await CreateStoreAsync();
        for (var i = 0; i < 2; i++)
        {
            await store.OpenAsync(ATicket().ForTenant(Acme).ForConversation($"c{i}").BuildRequest(), []);
        }

        var page = await store.ListAsync(Acme, new TicketQuery(Limit: 2));

        Assert.Equal(2, page.Items.Count);
        Assert.Null(page.NextBeforeId);
    }

    [Fact]
    public async Task ListAsync_filters_by_level_queue_and_assignee_together()
    {
        var store = await CreateStoreAsync();
        var n1 = (await store.OpenAsync(ATicket().ForTenant(Acme).ForConversation("a").AtLevel(SupportLevel.N1).BuildRequest(), [])).Ticket.Id;
        var n2 = (await store.OpenAsync(ATicket().ForTenant(Acme).ForConversation("b").BuildRequest(), [])).Ticket.Id;
        var n2Bruno = (await store.OpenAsync(ATicket().ForTenant(Acme).ForConversation("c").BuildRequest(), [])).Ticket.Id;
        await ChangeAsync(store, n2Bruno, t => t.Accept("bruno", Later));
        await ChangeAsync(store, n1, t => t.Accept("bruno", Later));
        await store.OpenAsync(ATicket().ForTenant(Globex).ForConversation("d").BuildRequest(), []);

        var byLevel = await store.ListAsync(Acme, new TicketQuery(Level: SupportLevel.N2));
        var byAssignee = await store.ListAsync(Acme, new TicketQuery(AssigneeId: "bruno"));
        var byAll = await store.ListAsync(Acme, new TicketQuery(Status: TicketStatus.InProgress, Level: SupportLevel.N2, Queue: "n2-internet", AssigneeId: "bruno"));
        var byOtherQueue = await store.ListAsync(Acme, new TicketQuery(Queue: "financeiro"));

        Assert.Equal([n2Bruno, n2], byLevel.Items.Select(t => t.Id));
        Assert.Equal([n2Bruno, n1], byAssignee.Items.Select(t => t.Id));
        Assert.Equal([n2Bruno], byAll.Items.Select(t => t.Id));
        Assert.Empty(byOtherQueue.Items);
    }
}
