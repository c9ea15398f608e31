using System.Data.Common;
using Npgsql;

namespace Atendimento.Platform.Postgres;

/// <summary>Small helpers that keep the stores' SQL readable.</summary>
public static class PostgresExtensions
{
    public static NpgsqlCommand With(this NpgsqlCommand command, params object?[] values)
    {
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }
        return command;
    }

    public static string? GetNullableString(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static DateTimeOffset GetTimestamp(this DbDataReader reader, int ordinal) =>
        reader.GetFieldValue<DateTimeOffset>(ordinal);

    public static DateTimeOffset? GetNullableTimestamp(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetTimestamp(ordinal);

    public static bool IsUniqueViolation(this PostgresException exception) =>
        exception.SqlState == PostgresErrorCodes.UniqueViolation;
}
