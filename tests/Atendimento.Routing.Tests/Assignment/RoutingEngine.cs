using Atendimento.Platform.Messaging;
using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Agents;
using Atendimento.Routing.Assignment;
using Atendimento.Routing.Tests.Delivery;
using Atendimento.Routing.Tests.Tickets;
using Atendimento.Routing.Tickets;
using Atendimento.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static Atendimento.Routing.Tests.Tickets.TicketBuilder;

namespace Atendimento.Routing.Tests.Assignment;

/// <summary>
/// The routing engine wired by hand as RoutingModule wires it, over in-memory stores (or given ones) and a fake
/// clock. Tickets are opened through the signalling store, as handoffs open them.
/// </summary>
internal sealed class RoutingEngine
{
    public static readonly TenantId Acme = new("acme");
    private int _conversations;

    public RoutingEngine(AssignmentOptions? options = null, TicketOptions? ticketOptions = null,
        ITicketStore? store = null, IAgentDirectory? directory = null, IAgentPresenceStore? presence = null)
    {
        RawStore = store ?? new InMemoryTicketStore();
        Directory = directory ?? new InMemoryAgentDirectory();
        PresenceStore = presence ?? new InMemoryAgentPresenceStore();
        Signal = new AssignmentSignal(new InMemoryMessageBus(), NullLogger<AssignmentSignal>.Instance);
        Store = new SignallingTicketStore(RawStore, Signal);
        var wrappedTicketOptions = Options.Create(ticketOptions ?? new TicketOptions());
        var writer = new TicketWriter(Store, Clock, NullLogger<TicketWriter>.Instance, Directory);
        Tickets = new TicketService(writer, Store, Directory, new RecordingCustomerConversations(), wrappedTicketOptions);
        Roster = new AgentRoster(Directory, PresenceStore, Assignments);
        Presence = new AgentPresenceService(Directory, PresenceStore, Store, Tickets, Roster, Signal, Clock, NullLogger<AgentPresenceService>.Instance);
        Picker = new TicketPicker(Assignments, Tickets);
        Dispatcher = new AssignmentDispatcher(Assignments, Roster, Tickets, Presence, Signal, new InMemoryMessageBus(),
            Options.Create(options ?? new AssignmentOptions()), Clock, NullLogger<AssignmentDispatcher>.Instance);
    }

    public FakeTimeProvider Clock { get; } = new();

    public ITicketStore RawStore { get; }

    public IAssignmentStore Assignments => (IAssignmentStore)RawStore;

    public ITicketStore Store { get; }

    public IAgentDirectory Directory { get; }

    public IAgentPresenceStore PresenceStore { get; }

    public AssignmentSignal Signal { get; }

    public TicketService Tickets { get; }

    public AgentRoster Roster { get; }

    public AgentPresenceService Presence { get; }

    public TicketPicker Picker { get; }

    public AssignmentDispatcher Dispatcher { get; }

    public static Agent AnAgent(string id, SupportLevel level = SupportLevel.N1, int capacity = 3, params string[] skills) =>
        new(Acme, id, id, level, skills, capacity);

    /// <summary>Adds the agent to the directory and sets them Online now.</summary>
    public async Task<Agent> OnlineAsync(Agent agent)
    {
        await Directory.UpsertAsync(agent, null);
        await Presence.SetAsync(agent.TenantId, agent.Id, AgentPresence.Online);
        return agent;
    }

    /// <summary>Opens a queued ticket now, in a conversation of its own.</summary>
    public async Task<Ticket> QueueAsync(SupportLevel level = SupportLevel.N1, TicketPriority priority = TicketPriority.Normal,
        DateTimeOffset? dueAt = null, string queue = "geral", params string[] skills)
    {
        var request = ATicket().ForTenant(Acme).ForConversation($"conv-{++_conversations}").AtLevel(level).WithPriority(priority)
            .WithSkills(skills).OpenedAt(Clock.GetUtcNow()).BuildRequest() with { Queue = queue, FirstResponseDueAt = dueAt };
        return (await Store.OpenAsync(request, [])).Ticket;
    }

    public async Task<Ticket> GetAsync(Ticket ticket) => (await Store.GetAsync(ticket.TenantId, ticket.Id))!;

    /// <summary>Passes until nothing moves, as the background loop does after a wake-up.</summary>
    public async Task DispatchAsync()
    {
        while ((await Dispatcher.DispatchAsync(Acme)).Moved > 0)
        {
        }
    }
}
