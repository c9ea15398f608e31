using Atendimento.Routing.Tickets;
using static Atendimento.Routing.Tests.Tickets.TicketBuilder;

namespace Atendimento.Routing.Tests.Tickets;

/// <summary>The contract's part on the message log: the transcript copied at opening and the messages appended after.</summary>
public abstract partial class TicketStoreContract
{
    [Fact]
    public async Task OpenAsync_stores_the_transcript_numbered_from_1_in_order()
    {
        var store = await CreateStoreAsync();
        var transcript = Transcript(OpenedAtDefault.AddMinutes(-2), "sem internet", "Qual o seu CPF?", "123", "Vou chamar um atendente.");
        var withSystemNote = transcript.Append(new NewTicketMessage(MessageAuthor.System, "bot", "handoff", OpenedAtDefault)).ToList();

        var opened = await store.OpenAsync(ATicket().ForTenant(Acme).BuildRequest(), withSystemNote);
        var messages = await store.GetMessagesAsync(Acme, opened.Ticket.Id);

        Assert.Equal([1L, 2L, 3L, 4L, 5L], messages.Select(m => m.Sequence));
        for (var i = 0; i < withSystemNote.Count; i++)
        {
            AssertMessage(opened.Ticket.Id, i + 1, withSystemNote[i], messages[i]);
        }
    }

    [Fact]
    public async Task AppendMessageAsync_numbers_messages_after_the_transcript_without_gaps()
    {
        var store = await CreateStoreAsync();
        var opened = await store.OpenAsync(ATicket().ForTenant(Acme).BuildRequest(), Transcript(OpenedAtDefault, "oi", "olá"));
        var reply = new NewTicketMessage(MessageAuthor.Agent, "ana", "Bom dia, Maria!", Later);
        var answer = new NewTicketMessage(MessageAuthor.Customer, null, "Bom dia", Later.AddSeconds(5));

        var first = await store.AppendMessageAsync(Acme, opened.Ticket.Id, reply);
        var second = await store.AppendMessageAsync(Acme, opened.Ticket.Id, answer);

        AssertMessage(opened.Ticket.Id, 3, reply, first);
        AssertMessage(opened.Ticket.Id, 4, answer, second);
        var messages = await store.GetMessagesAsync(Acme, opened.Ticket.Id);
        Assert.Equal([1L, 2L, 3L, 4L], messages.Select(m => m.Sequence));
        AssertMessage(opened.Ticket.Id, 3, reply, messages[2]);
        AssertMessage(opened.Ticket.Id, 4, answer, messages[3]);
    }

    [Fact]
    public async Task AppendMessageAsync_with_an_external_id_already_on_the_ticket_returns_the_first_line_and_adds_none()
    {
        var store = await CreateStoreAsync();
        var opened = await store.OpenAsync(ATicket().ForTenant(Acme).BuildRequest(), Transcript(OpenedAtDefault, "oi"));
        var relayed = new NewTicketMessage(MessageAuthor.Customer, null, "minha fatura veio errada", Later, ExternalId: "conv|0000007");

        var first = await store.AppendMessageAsync(Acme, opened.Ticket.Id, relayed);
        var again = await store.AppendMessageAsync(Acme, opened.Ticket.Id, relayed with { At = Later.AddSeconds(3) });
        var otherId = await store.AppendMessageAsync(Acme, opened.Ticket.Id, relayed with { ExternalId = "conv|0000008" });

        Assert.Equal((2L, Later), (first.Sequence, first.At));
        Assert.Equal((first.Sequence, first.At), (again.Sequence, again.At));
        Assert.Equal(3L, otherId.Sequence);
        Assert.Equal([1L, 2L, 3L], (await store.GetMessagesAsync(Acme, opened.Ticket.Id)).Select(m => m.Sequence));
    }

    [Fact]
    public async Task AppendWhileActiveAsync_appends_to_an_active_ticket_and_refuses_once_it_is_resolved()
    {
        var store = await CreateStoreAsync();
        var opened = await store.OpenAsync(ATicket().ForTenant(Acme).BuildRequest(), Transcript(OpenedAtDefault, "oi"));
        var whileOpen = await store.AppendWhileActiveAsync(Acme, opened.Ticket.Id, new NewTicketMessage(MessageAuthor.Customer, null, "alô?", Later, "m1"));
        var ticket = (await store.GetAsync(Acme, opened.Ticket.Id))!;
        ticket.Accept("ana", Later);
        ticket.Resolve("ana", Later);
        Assert.True(await store.SaveAsync(ticket));

        var afterResolve = await store.AppendWhileActiveAsync(Acme, opened.Ticket.Id, new NewTicketMessage(MessageAuthor.Customer, null, "ainda aí?", Later, "m2"));
        var redelivered = await store.AppendWhileActiveAsync(Acme, opened.Ticket.Id, new NewTicketMessage(MessageAuthor.Customer, null, "alô?", Later, "m1"));

        Assert.Equal(2L, whileOpen!.Sequence);
        Assert.Null(afterResolve);
        Assert.Equal(2L, redelivered!.Sequence);
        Assert.Equal(["oi", "alô?"], (await store.GetMessagesAsync(Acme, opened.Ticket.Id)).Select(m => m.Text));
    }

    [Fact]
    public async Task Concurrent_AppendMessageAsync_numbers_every_message_once_without_gaps()
    {
        const int Appends = 20;
        var store = await CreateStoreAsync();
        var opened = await store.OpenAsync(ATicket().ForTenant(Acme).BuildRequest(), Transcript(OpenedAtDefault, "oi", "olá", "sem sinal"));

        var appended = await Task.WhenAll(Enumerable.Range(0, Appends).Select(i => Task.Run(() =>
            store.AppendMessageAsync(Acme, opened.Ticket.Id, new NewTicketMessage(MessageAuthor.Customer, null, $"m{i}", Later.AddSeconds(i))))));

        var expected = Enumerable.Range(4, Appends).Select(i => (long)i);
        Assert.Equal(expected, appended.Select(m => m.Sequence).Order());
        var messages = await store.GetMessagesAsync(Acme, opened.Ticket.Id);
        Assert.Equal(Enumerable.Range(1, 3 + Appends).Select(i => (long)i), messages.Select(m => m.Sequence));
        Assert.Equal(Enumerable.Range(0, Appends).Select(i => $"m{i}").Order(), messages.Skip(3).Select(m => m.Text).Order());
        Assert.All(appended, m => Assert.Equal(m.Text, messages[(int)m.Sequence - 1].Text));
    }

    [Fact]
    public async Task AppendMessageAsync_on_an_unknown_ticket_throws_KeyNotFoundException()
    {
        var store = await CreateStoreAsync();

        await Assert.ThrowsAsync<KeyNotFoundException>(() =>
            store.AppendMessageAsync(Acme, new TicketId(987_654), new NewTicketMessage(MessageAuthor.Customer, null, "oi", Later)));
    }

    [Fact]
    public async Task AppendMessageAsync_on_another_tenants_ticket_throws_KeyNotFoundException_and_adds_nothing()
    {
        var store = await CreateStoreAsync();
        var opened = await store.OpenAsync(ATicket().ForTenant(Acme).BuildRequest(), Transcript(OpenedAtDefault, "oi"));

        await Assert.ThrowsAsync<KeyNotFoundException>(() =>
            store.AppendMessageAsync(Globex, opened.Ticket.Id, new NewTicketMessage(MessageAuthor.Agent, "mallory", "oi", Later)));

        Assert.Single(await store.GetMessagesAsync(Acme, opened.Ticket.Id));
    }

    private static void AssertMessage(TicketId ticketId, long sequence, NewTicketMessage expected, TicketMessage actual)
    {
        Assert.Equal(new TicketMessage(ticketId, sequence, expected.Author, expected.AuthorId, expected.Text, expected.At), actual);
    }
}
