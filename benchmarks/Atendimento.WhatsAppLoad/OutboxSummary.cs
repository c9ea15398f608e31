using Atendimento.Testing;

namespace Atendimento.WhatsAppLoad;

/// <summary>Where the outbox rows of the measured run (not the warm-up) ended: still queued, sent, dead letters, and how many needed a later send.</summary>
internal sealed record OutboxSummary(long Total, long Queued, long Sent, long DeadLetters, long RetriedLater)
{
    public static async Task<OutboxSummary> ReadAsync(PostgresSchema schema)
    {
        await using var command = schema.DataSource.CreateCommand("""
            SELECT count(*), count(*) FILTER (WHERE state = 0), count(*) FILTER (WHERE state BETWEEN 1 AND 3),
                   count(*) FILTER (WHERE dead_letter), count(*) FILTER (WHERE attempts > 0)
            FROM whatsapp_outbox WHERE id LIKE 'load-%'
            """);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new OutboxSummary(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
    }
}
