using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Atendimento.Bot.Dialogs;

/// <summary>
/// Reads YAML nodes with their line numbers and collects every mistake instead of stopping at the first,
/// so a designer sees all of them at once.
/// </summary>
internal sealed class YamlReader(string file, List<DialogError> errors)
{
    public string File { get; } = file;

    public YamlMappingNode? LoadRoot(string text)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            {
                Error(1, "the file must hold a mapping (key: value lines) at the top level");
                return null;
            }
            return root;
        }
        catch (YamlException exception)
        {
            Error((int)exception.Start.Line, $"not valid YAML: {exception.Message}");
            return null;
        }
    }

    public void Error(int line, string message) => errors.Add(new DialogError(File, line, message));

    public static int Line(YamlNode node) => (int)node.Start.Line;

    /// <summary>The line of <paramref name="key"/>'s value, where a mistake in it was written; the map's own line when it is absent.</summary>
    public static int Line(YamlMappingNode map, string key) =>
        Line(map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : map);

    public void RejectUnknownKeys(YamlMappingNode map, params string[] known)
    {
        foreach (var key in map.Children.Keys.OfType<YamlScalarNode>())
        {
            if (!known.Contains(key.Value, StringComparer.Ordinal))
            {
                Error(Line(key), $"unknown key '{key.Value}' (expected one of: {string.Join(", ", known)})");
            }
        }
    }

    public YamlNode? Optional(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    public string? String(YamlMappingNode map, string key, bool required = true)
    {
        switch (Optional(map, key))
        {
            case YamlScalarNode { Value: { Length: > 0 } value }:
                return value;
            case null when !required:
                return null;
            case null:
                Error(Line(map), $"missing '{key}'");
                return null;
            case var other:
                Error(Line(other), $"'{key}' must be a non-empty text");
                return null;
        }
    }

    public IReadOnlyList<string> Strings(YamlMappingNode map, string key, bool required = true)
    {
        var node = Optional(map, key);
        if (node is null)
        {
            if (required)
            {
                Error(Line(map), $"missing '{key}'");
            }
            return [];
        }
        if (node is YamlScalarNode { Value: { Length: > 0 } single })
        {
            return [single];
        }
        if (node is not YamlSequenceNode list)
        {
            Error(Line(node), $"'{key}' must be a list of texts");
            return [];
        }
        var values = new List<string>();
        foreach (var item in list.Children)
        {
            if (item is YamlScalarNode { Value: { Length: > 0 } value })
            {
                values.Add(value);
            }
            else
            {
                Error(Line(item), $"every item of '{key}' must be a non-empty text");
            }
        }
        return values;
    }

    public double Number(YamlMappingNode map, string key, double fallback, double min, double max)
    {
        if (Optional(map, key) is not { } node)
        {
            return fallback;
        }
        if (node is YamlScalarNode scalar && double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }
        Error(Line(node), $"'{key}' must be a number between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}");
        return fallback;
    }

    public bool Boolean(YamlMappingNode map, string key)
    {
        if (Optional(map, key) is not { } node)
        {
            return false;
        }
        if (node is YamlScalarNode scalar && bool.TryParse(scalar.Value, out var value))
        {
            return value;
        }
        Error(Line(node), $"'{key}' must be true or false");
        return false;
    }

    public YamlMappingNode? Map(YamlMappingNode map, string key)
    {
        var node = Optional(map, key);
        if (node is YamlMappingNode child)
        {
            return child;
        }
        Error(node is null ? Line(map) : Line(node), node is null ? $"missing '{key}'" : $"'{key}' must be a mapping");
        return null;
    }

    public IEnumerable<YamlMappingNode> Maps(YamlMappingNode map, string key)
    {
        var node = Optional(map, key);
        if (node is not YamlSequenceNode list)
        {
            Error(node is null ? Line(map) : Line(node), node is null ? $"missing '{key}'" : $"'{key}' must be a list");
            yield break;
        }
        foreach (var item in list.Children)
        {
            if (item is YamlMappingNode child)
            {
                yield return child;
            }
            else
            {
                Error(Line(item), $"every item of '{key}' must be a mapping");
            }
        }
    }
}
