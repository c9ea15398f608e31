using System.Text.Json;
using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Tickets;

namespace Atendimento.Routing.Tests.Tickets;

/// <summary>
/// Test data for tickets: a handoff request (<see cref="BuildRequest"/>) or a ticket already in a given state
/// (<see cref="Build"/>). Timestamps are whole milliseconds, so they survive PostgreSQL's microseconds unchanged.
/// </summary>
internal sealed class TicketBuilder
{
    public static readonly DateTimeOffset OpenedAtDefault = new(2026, 3, 2, 11, 50, 0, 125, TimeSpan.Zero);
    public static readonly DateTimeOffset AcceptedAtDefault = new(2026, 3, 2, 11, 52, 0, 250, TimeSpan.Zero);
    public static readonly DateTimeOffset FirstResponseAtDefault = new(2026, 3, 2, 11, 53, 0, 375, TimeSpan.Zero);
    public static readonly DateTimeOffset ResolvedAtDefault = new(2026, 3, 2, 11, 55, 0, 500, TimeSpan.Zero);
    public static readonly DateTimeOffset ClosedAtDefault = new(2026, 3, 2, 11, 57, 0, 625, TimeSpan.Zero);

    private const string HandoffJson = """
        {
          "reasonCode": "no_connection",
          "level": "N2",
          "queue": "n2-internet",
          "customerName": "Maria José da Silva",
          "score": 0.42,
          "confirmed": true,
          "missing": null,
          "transcript": [
            { "role": "Customer", "text": "Estou sem conexão desde ontem", "at": "2026-03-02T11:49:00.125+00:00" },
            { "role": "Bot", "text": "Vou chamar um atendente.", "at": "2026-03-02T11:49:30.5+00:00" }
          ]
        }
        """;

    private TenantId _tenant = new("acme");
    private string _conversationRef = "directline:conv-1";
    private string? _customerName = "Maria José da Silva";
    private IReadOnlyList<string> _skills = ["internet", "fibra"];
    private DateTimeOffset _openedAt = OpenedAtDefault;
    private TicketStatus _status = TicketStatus.Open;
    private string _assignee = "ana";
    private SupportLevel _level = SupportLevel.N2;
    private string? _customerRef;
    private TicketPriority _priority = TicketPriority.Normal;
    private long _id = 42;

    public static TicketBuilder ATicket() => new();

    public TicketBuilder WithId(long id)
    {
        _id = id;
        return this;
    }

    public TicketBuilder AtLevel(SupportLevel level)
    {
        _level = level;
        return this;
    }

    public TicketBuilder WithPriority(TicketPriority priority)
    {
        _priority = priority;
        return this;
    }

    /// <summary>The customer across conversations; by default the conversation stands for the customer.</summary>
    public TicketBuilder ForCustomer(string customerRef)
    {
        _customerRef = customerRef;
        return this;
    }

    public TicketBuilder ForTenant(TenantId tenant)
    {
        _tenant = tenant;
        return this;
    }

    public TicketBuilder ForConversation(string conversationRef)
    {
        _conversationRef = conversationRef;
        return this;
    }

    public TicketBuilder WithoutCustomerName()
    {
        _customerName = null;
        return this;
    }

    public TicketBuilder WithSkills(params string[] skills)
    {
        _skills = skills;
        return this;
    }

    public TicketBuilder OpenedAt(DateTimeOffset at)
    {
        _openedAt = at;
        return this;
    }

    /// <summary>The state <see cref="Build"/> puts the ticket in, with the timestamps that state implies.</summary>
    public TicketBuilder InStatus(TicketStatus status)
    {
        _status = status;
        return this;
    }

    /// <summary>The agent who accepted the ticket, for states past <see cref="TicketStatus.Open"/>.</summary>
    public TicketBuilder AssignedTo(string agentId)
    {
        _assignee = agentId;
        return this;
    }

    public NewTicket BuildRequest()
    {
        using var handoff = JsonDocument.Parse(HandoffJson);
        return new NewTicket(_tenant, _conversationRef, "directline", _customerName, _level, "n2-internet",
            _skills, "no_connection", handoff.RootElement.Clone(), _openedAt, _priority, _customerRef);
    }

    public Ticket Build()
    {
        var ticket = TicketFactory.Create(new TicketId(_id), BuildRequest());
        ticket.Status = _status;
        if (_status is TicketStatus.Open or TicketStatus.Cancelled or TicketStatus.Merged)
        {
            ticket.CancelledAt = _status == TicketStatus.Cancelled ? ClosedAtDefault : null;
            ticket.MergedIntoId = _status == TicketStatus.Merged ? new TicketId(7) : null;
            return ticket;
        }
        ticket.AssigneeId = _assignee;
        ticket.AssignedAt = AcceptedAtDefault;
        if (_status is not TicketStatus.Assigned)
        {
            ticket.AcceptedAt = AcceptedAtDefault;
            ticket.FirstResponseAt = FirstResponseAtDefault;
        }
        if (_status is TicketStatus.Resolved or TicketStatus.Closed)
        {
            ticket.ResolvedAt = ResolvedAtDefault;
            ticket.Resolution = "Modem reiniciado.";
        }
        if (_status is TicketStatus.Closed)
        {
            ticket.ClosedAt = ClosedAtDefault;
        }
        return ticket;
    }

    /// <summary>A bot transcript of <paramref name="texts"/>, one message a second from <paramref name="start"/>, alternating customer and bot.</summary>
    public static IReadOnlyList<NewTicketMessage> Transcript(DateTimeOffset start, params string[] texts) =>
        texts.Select((text, i) => new NewTicketMessage(i % 2 == 0 ? MessageAuthor.Customer : MessageAuthor.Bot, null, text, start.AddSeconds(i)))
            .ToList();
}
