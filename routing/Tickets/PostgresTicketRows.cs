using System.Data.Common;
using System.Text.Json;
using Atendimento.Platform.Postgres;
using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Sla;
using Npgsql;

namespace Atendimento.Routing.Tickets;

/// <summary>How a ticket maps to a row of <c>tickets</c>: the column list, the reader and the update.</summary>
internal static class PostgresTicketRows
{
    public const string Columns = """
        tenant_id, id, status, level, queue, skills, conversation_ref, channel, customer_name, reason_code,
        handoff, assignee_id, opened_at, accepted_at, first_response_at, resolved_at, closed_at, version,
        priority, severity, tags, customer_ref, assigned_at, cancelled_at, last_customer_message_at,
        last_agent_message_at, resolution, escalation_reason, escalated_at, merged_into_id,
        first_response_due_at, resolution_due_at, first_response_breached, resolution_breached,
        first_response_target, first_response_consumed, first_response_running_since, first_response_stopped_at, first_response_held_since,
        resolution_target, resolution_consumed, resolution_running_since, resolution_stopped_at, resolution_held_since
        """;

    /// <summary>The partial unique index's predicate, spelled exactly as in the migration so ON CONFLICT can infer it.</summary>
    public const string ActivePredicate = "status IN ('Open', 'Assigned', 'InProgress', 'WaitingOnCustomer')";

    public const string ActiveIndex = "tickets_one_active_per_conversation";

    public static NpgsqlCommand Update(Ticket ticket, NpgsqlConnection connection, NpgsqlTransaction transaction) => new NpgsqlCommand("""
        UPDATE tickets SET status = $3, level = $4, queue = $5, assignee_id = $6, accepted_at = $7, first_response_at = $8,
            resolved_at = $9, closed_at = $10, priority = $11, severity = $12, tags = $13, assigned_at = $14,
            cancelled_at = $15, last_customer_message_at = $16, last_agent_message_at = $17, resolution = $18,
            escalation_reason = $19, escalated_at = $20, merged_into_id = $21, first_response_due_at = $22,
            resolution_due_at = $23, first_response_breached = $25, resolution_breached = $26,
            first_response_target = $27, first_response_consumed = $28, first_response_running_since = $29,
            first_response_stopped_at = $30, first_response_held_since = $31, resolution_target = $32, resolution_consumed = $33,
            resolution_running_since = $34, resolution_stopped_at = $35, resolution_held_since = $36, version = version + 1
        WHERE tenant_id = $1 AND id = $2 AND version = $24
        """, connection, transaction).With(
            ticket.TenantId.Value, ticket.Id.Value, ticket.Status.ToString(), (short)ticket.Level, ticket.Queue, ticket.AssigneeId,
            ticket.AcceptedAt, ticket.FirstResponseAt, ticket.ResolvedAt, ticket.ClosedAt, (short)ticket.Priority, (short)ticket.Severity,
            ticket.Tags.ToArray(), ticket.AssignedAt, ticket.CancelledAt, ticket.LastCustomerMessageAt, ticket.LastAgentMessageAt,
            ticket.Resolution, ticket.EscalationReason, ticket.EscalatedAt, ticket.MergedIntoId?.Value, ticket.FirstResponseDueAt,
            ticket.ResolutionDueAt, ticket.Version, ticket.FirstResponseBreached, ticket.ResolutionBreached)
        .With(ClockValues(ticket.FirstResponseClock)).With(ClockValues(ticket.ResolutionClock));

    /// <summary>A clock as its five columns (target, consumed, running since, stopped at, held since), all null without one.</summary>
    public static object?[] ClockValues(SlaClock? clock) =>
        [clock?.Target, clock?.Consumed, clock?.RunningSince, clock?.StoppedAt, clock?.HeldSince];

    public static Ticket Read(DbDataReader reader) => new()
    {
        TenantId = new TenantId(reader.GetString(0)),
        Id = new TicketId(reader.GetInt64(1)),
        Status = Enum.Parse<TicketStatus>(reader.GetString(2)),
        Level = (SupportLevel)reader.GetInt16(3),
        Queue = reader.GetString(4),
        Skills = reader.GetFieldValue<string[]>(5),
        ConversationRef = reader.GetString(6),
        Channel = reader.GetString(7),
        CustomerName = reader.GetNullableString(8),
        ReasonCode = reader.GetString(9),
        Handoff = ParseJson(reader.GetString(10)),
        AssigneeId = reader.GetNullableString(11),
        OpenedAt = reader.GetTimestamp(12),
        AcceptedAt = reader.GetNullableTimestamp(13),
        FirstResponseAt = reader.GetNullableTimestamp(14),
        ResolvedAt = reader.GetNullableTimestamp(15),
        ClosedAt = reader.GetNullableTimestamp(16),
        Version = reader.GetInt32(17),
        Priority = (TicketPriority)reader.GetInt16(18),
        Severity = (TicketSeverity)reader.GetInt16(19),
        Tags = reader.GetFieldValue<string[]>(20),
        CustomerRef = reader.GetString(21),
        AssignedAt = reader.GetNullableTimestamp(22),
        CancelledAt = reader.GetNullableTimestamp(23),
        LastCustomerMessageAt = reader.GetNullableTimestamp(24),
        LastAgentMessageAt = reader.GetNullableTimestamp(25),
        Resolution = reader.GetNullableString(26),
        EscalationReason = reader.GetNullableString(27),
        EscalatedAt = reader.GetNullableTimestamp(28),
        MergedIntoId = reader.IsDBNull(29) ? null : new TicketId(reader.GetInt64(29)),
        FirstResponseDueAt = reader.GetNullableTimestamp(30),
        ResolutionDueAt = reader.GetNullableTimestamp(31),
        FirstResponseBreached = reader.IsDBNull(32) ? null : reader.GetBoolean(32),
        ResolutionBreached = reader.IsDBNull(33) ? null : reader.GetBoolean(33),
        FirstResponseClock = ReadClock(reader, 34),
        ResolutionClock = ReadClock(reader, 39),
    };

    private static SlaClock? ReadClock(DbDataReader reader, int first) => reader.IsDBNull(first) ? null : new SlaClock(
        reader.GetFieldValue<TimeSpan>(first), reader.GetFieldValue<TimeSpan>(first + 1), reader.GetNullableTimestamp(first + 2),
        reader.GetNullableTimestamp(first + 3), reader.GetNullableTimestamp(first + 4));

    public static async Task<Ticket?> ReadSingleAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private static JsonElement ParseJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
