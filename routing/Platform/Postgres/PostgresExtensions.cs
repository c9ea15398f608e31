using System.Data.Common;
using Npgsql;

namespace Atendimento.Platform.Postgres;

/// <summary>Small helpers that keep the stores' SQL readable.</summary>
public static class PostgresExtensions
{
    public static NpgsqlCommand With(this NpgsqlCommand command, params object?[] values)
    {
        AddPositional(command.Parameters, values);
        return command;
    }

    public static NpgsqlBatchCommand With(this NpgsqlBatchCommand command, params object?[] values)
    {
        AddPositional(command.Parameters, values);
        return command;
    }

    private static void AddPositional(NpgsqlParameterCollection parameters, object?[] values)
    {
        foreach (var value in values)
        {
            parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }
    }

    public static string? GetNullableString(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static DateTimeOffset GetTimestamp(this DbDataReader reader, int ordinal) =>
        reader.GetFieldValue<DateTimeOffset>(ordinal);

    public static DateTimeOffset? GetNullableTimestamp(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetTimestamp(ordinal);
}
