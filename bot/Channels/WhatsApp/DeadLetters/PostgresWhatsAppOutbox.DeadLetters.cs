using Atendimento.Bot.Channels.WhatsApp.DeadLetters;
using Atendimento.Platform.Postgres;
using Npgsql;

namespace Atendimento.Bot.Channels.WhatsApp;

public sealed partial class PostgresWhatsAppOutbox : IWhatsAppDeadLetters
{
    /// <summary>DeadLetterFilter as SQL over $1..$6; a null parameter means "any".</summary>
    private const string DeadLetterWhere = """
        dead_letter AND tenant_id = $1
          AND ($2::text IS NULL OR phone_number_id = $2) AND ($3::integer IS NULL OR error_code = $3)
          AND ($4::timestamptz IS NULL OR updated_at >= $4) AND ($5::timestamptz IS NULL OR updated_at < $5)
          AND ($6::text IS NULL OR conversation_id = $6)
        """;

    public async Task<IReadOnlyList<OutboundMessage>> ListAsync(DeadLetterFilter filter, DeadLetterCursor? after, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns} FROM whatsapp_outbox
            WHERE {DeadLetterWhere} AND ($7::timestamptz IS NULL OR (updated_at, id) > ($7, $8::text))
            ORDER BY updated_at, id LIMIT $9
            """);
        Bind(command, filter);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)after?.FailedAt ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)after?.Id ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        return await ReadAllAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<OutboundMessage>> RedriveAsync(DeadLetterFilter filter, IReadOnlyList<string>? ids, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            UPDATE whatsapp_outbox SET state = 0, dead_letter = false, attempts = 0, error_code = NULL,
                   next_attempt_at = $7, updated_at = $7, leased_until = NULL
            WHERE {DeadLetterWhere} AND ($8::text[] IS NULL OR id = ANY($8))
            RETURNING {Columns}
            """);
        Bind(command, filter);
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)ids?.ToArray() ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
        return await ReadAllAsync(command, cancellationToken);
    }

    private static void Bind(NpgsqlCommand command, DeadLetterFilter filter) =>
        command.With(filter.TenantId.Value, filter.PhoneNumberId, filter.ErrorCode, filter.From, filter.To, filter.ConversationId);

    private static async Task<IReadOnlyList<OutboundMessage>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var found = new List<OutboundMessage>();
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(Read(reader));
        }
        return found;
    }
}
