using System.Text.Json;
using Npgsql;

namespace Atendimento.Testing;

/// <summary>PostgreSQL's plan of a statement, for tests that prove a hot query reads its index.</summary>
public static class QueryPlans
{
    /// <summary>Runs <paramref name="command"/> under <c>EXPLAIN (FORMAT JSON)</c>, with its parameters, and returns the top plan node.</summary>
    public static async Task<JsonElement> ExplainAsync(NpgsqlCommand command)
    {
        command.CommandText = "EXPLAIN (FORMAT JSON) " + command.CommandText;
        var json = (string)(await command.ExecuteScalarAsync())!;
        using var document = JsonDocument.Parse(json);
        return document.RootElement[0].GetProperty("Plan").Clone();
    }

    /// <summary>The node and every node under it.</summary>
    public static IEnumerable<JsonElement> Nodes(JsonElement node)
    {
        yield return node;
        if (node.TryGetProperty("Plans", out var children))
        {
            foreach (var child in children.EnumerateArray().SelectMany(Nodes))
            {
                yield return child;
            }
        }
    }
}
