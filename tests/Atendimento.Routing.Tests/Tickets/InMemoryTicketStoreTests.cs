using Atendimento.Routing.Tickets;

namespace Atendimento.Routing.Tests.Tickets;

public sealed class InMemoryTicketStoreTests : TicketStoreContract
{
    protected override Task<ITicketStore> CreateStoreAsync() => Task.FromResult<ITicketStore>(new InMemoryTicketStore());
}
