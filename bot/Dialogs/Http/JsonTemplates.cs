using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Atendimento.Bot.Dialogs.Http;

/// <summary>An http step's JSON: the body template read from YAML, filled per call, and the fields read from the response.</summary>
internal static class JsonTemplates
{
    /// <summary>YAML to JSON: quoted scalars stay texts; plain ones that read as numbers, true/false or null become those.</summary>
    public static JsonNode? FromYaml(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(pair => KeyValuePair.Create((pair.Key as YamlScalarNode)?.Value ?? "", FromYaml(pair.Value)))),
        YamlSequenceNode list => new JsonArray(list.Children.Select(FromYaml).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    /// <summary>A copy of <paramref name="template"/> with {placeholders} in its texts filled.</summary>
    public static JsonNode? Fill(JsonNode? template, IReadOnlyDictionary<string, string> values) => template switch
    {
        JsonObject map => new JsonObject(map.Select(pair => KeyValuePair.Create(pair.Key, Fill(pair.Value, values)))),
        JsonArray list => new JsonArray(list.Select(item => Fill(item, values)).ToArray()),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => JsonValue.Create(Placeholders.Fill(value.GetValue<string>(), values)),
        _ => template?.DeepClone(),
    };

    /// <summary>The text at a dotted path ("fatura.valor", "itens.0.nome"); null when any part is missing or null.</summary>
    public static string? Read(JsonNode? root, string path)
    {
        var node = root;
        foreach (var part in path.Split('.'))
        {
            node = node switch
            {
                JsonObject map => map[part],
                JsonArray list when int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < list.Count => list[i],
                _ => null,
            };
        }
        return node switch
        {
            null => null,
            JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
            _ => node.ToJsonString(),
        };
    }

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole))
        {
            return JsonValue.Create(whole);
        }
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return JsonValue.Create(number);
        }
        return text switch
        {
            "true" => JsonValue.Create(true),
            "false" => JsonValue.Create(false),
            "null" or "~" or "" => null,
            _ => JsonValue.Create(text),
        };
    }
}
