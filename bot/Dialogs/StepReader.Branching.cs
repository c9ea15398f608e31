using System.Text.RegularExpressions;
using Atendimento.Bot.Dialogs.Http;
using YamlDotNet.RepresentationModel;

namespace Atendimento.Bot.Dialogs;

/// <summary>The steps that branch: <c>branch</c> on a collected value, and <c>http</c> with its onError.</summary>
internal static partial class StepReader
{
    private static readonly string[] Operators = ["equals", "in", "matches"];
    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    private static BranchStep? ReadBranch(YamlReader reader, YamlMappingNode node, int line, HashSet<string> known)
    {
        reader.RejectUnknownKeys(node, "branch", "equals", "in", "matches", "then", "else");
        var variable = reader.String(node, "branch");
        if (variable is not null)
        {
            CheckKnown(reader, line, variable, known);
        }
        var condition = ReadCondition(reader, node, line);
        var hasThen = reader.Optional(node, "then") is not null;
        var hasElse = reader.Optional(node, "else") is not null;
        if (!hasThen && !hasElse)
        {
            reader.Error(line, "a branch needs 'then' or 'else' (or both)");
        }
        var then = hasThen ? ReadList(reader, node, "then", new HashSet<string>(known, StringComparer.Ordinal)) : [];
        var otherwise = hasElse ? ReadList(reader, node, "else", new HashSet<string>(known, StringComparer.Ordinal)) : [];
        return variable is null || condition is null ? null : new BranchStep(line, variable, condition, then, otherwise);
    }

    private static BranchCondition? ReadCondition(YamlReader reader, YamlMappingNode node, int line)
    {
        var given = Operators.Where(op => reader.Optional(node, op) is not null).ToList();
        if (given.Count != 1)
        {
            reader.Error(line, $"a branch needs exactly one condition: {string.Join(", ", Operators)}");
            return null;
        }
        return given[0] switch
        {
            "equals" => reader.String(node, "equals") is { } value ? new BranchCondition(BranchOperator.Equals, [value], null) : null,
            "in" => reader.Strings(node, "in") is { Count: > 0 } values ? new BranchCondition(BranchOperator.In, values, null) : null,
            _ => ReadPattern(reader, node),
        };
    }

    private static BranchCondition? ReadPattern(YamlReader reader, YamlMappingNode node)
    {
        if (reader.String(node, "matches") is not { } pattern)
        {
            return null;
        }
        try
        {
            // A designer's pattern runs on customer text: bounded, so a pathological one cannot hang a turn.
            var regex = new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
            return new BranchCondition(BranchOperator.Matches, [pattern], regex);
        }
        catch (ArgumentException exception)
        {
            reader.Error(YamlReader.Line(node, "matches"), $"'matches' is not a valid regular expression: {exception.Message}");
            return null;
        }
    }

    private static HttpStep? ReadHttp(YamlReader reader, YamlMappingNode node, int line, HashSet<string> known)
    {
        reader.RejectUnknownKeys(node, "http", "method", "path", "body", "timeoutSeconds", "retries", "map", "onError");
        var backend = reader.String(node, "http");
        var method = (reader.String(node, "method", required: false) ?? "GET").ToUpperInvariant();
        var path = reader.String(node, "path");
        var timeout = reader.Number(node, "timeoutSeconds", 10, 0.1, 60);
        var retries = (int)reader.Number(node, "retries", 2, 0, 5);
        if (!Methods.Contains(method, StringComparer.Ordinal))
        {
            reader.Error(YamlReader.Line(node, "method"), $"unknown method '{method}' (expected one of: {string.Join(", ", Methods)})");
        }
        if (path is not null && !path.StartsWith('/'))
        {
            reader.Error(YamlReader.Line(node, "path"), "'path' must start with / (the backend's base URL comes from configuration)");
        }
        CheckPlaceholders(reader, YamlReader.Line(node, "path"), path, known);
        var body = ReadBody(reader, node, method, known);
        var onError = reader.Optional(node, "onError") is null ? null : ReadList(reader, node, "onError", new HashSet<string>(known, StringComparer.Ordinal));
        var map = ReadMap(reader, node);
        known.UnionWith(map.Keys);
        return backend is null || path is null || !Methods.Contains(method, StringComparer.Ordinal)
            ? null
            : new HttpStep(line, backend, new HttpMethod(method), path, body, TimeSpan.FromSeconds(timeout), retries, map, onError);
    }

    private static System.Text.Json.Nodes.JsonNode? ReadBody(YamlReader reader, YamlMappingNode node, string method, HashSet<string> known)
    {
        if (reader.Optional(node, "body") is not { } body)
        {
            return null;
        }
        if (method is "GET" or "DELETE")
        {
            reader.Error(YamlReader.Line(body), $"a {method} call sends no body");
        }
        foreach (var text in body.AllNodes.OfType<YamlScalarNode>())
        {
            CheckPlaceholders(reader, YamlReader.Line(text), text.Value, known);
        }
        return JsonTemplates.FromYaml(body);
    }

    private static Dictionary<string, string> ReadMap(YamlReader reader, YamlMappingNode node)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (reader.Optional(node, "map") is null)
        {
            return map;
        }
        if (reader.Map(node, "map") is not { } fields)
        {
            return map;
        }
        foreach (var (key, value) in fields.Children)
        {
            var variable = (key as YamlScalarNode)?.Value ?? "";
            CheckVariableName(reader, YamlReader.Line(key), variable);
            if (value is YamlScalarNode { Value: { Length: > 0 } path })
            {
                map[variable] = path;
            }
            else
            {
                reader.Error(YamlReader.Line(value), $"'{variable}' must name a field of the response, such as fatura.valor");
            }
        }
        return map;
    }
}
