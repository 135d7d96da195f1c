using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Guardrail.Rules.Loading;

/// <summary>
/// Reads one YAML file node by node and records every problem with its position instead of stopping
/// at the first, so an author fixes a file in one pass.
/// </summary>
internal sealed partial class YamlFile(string file, List<RuleError> errors)
{
    public string File { get; } = file;

    public int ErrorCount => errors.Count;

    public void Error(YamlNode node, string message) => Error(node.Start, message);

    public void Error(Mark mark, string message) =>
        errors.Add(new RuleError(File, Math.Max(1, (int)mark.Line), Math.Max(1, (int)mark.Column), message));

    /// <summary>Parses the file's single document; null (with an error recorded) when that is impossible.</summary>
    public YamlNode? LoadSingle(string text, string what)
    {
        var scanner = new Scanner(new StringReader(text));
        var stream = new YamlStream();
        try
        {
            stream.Load(new Parser(scanner));
        }
        catch (YamlException ex)
        {
            Error(ex.Start, $"YAML syntax error: {ex.Message}");
            return null;
        }
        catch (InvalidOperationException ex) // YamlDotNet's scanner throws this for some malformed flow collections
        {
            Error(scanner.CurrentPosition, $"YAML syntax error: {ex.Message}");
            return null;
        }
        if (stream.Documents.Count == 0)
        {
            errors.Add(new RuleError(File, 1, 1, $"file is empty; expected one {what}"));
            return null;
        }
        if (stream.Documents.Count > 1)
        {
            Error(stream.Documents[1].RootNode, $"file has {stream.Documents.Count} YAML documents; put one {what} per file");
        }
        return stream.Documents[0].RootNode;
    }

    /// <summary>The known keys of <paramref name="map"/>; unknown ones are reported with a suggestion.</summary>
    public Dictionary<string, (YamlScalarNode Key, YamlNode Value)> Keys(YamlMappingNode map, IReadOnlyCollection<string> known, string? where = null)
    {
        var result = new Dictionary<string, (YamlScalarNode, YamlNode)>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in map.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key } scalar)
            {
                Error(keyNode, "keys must be plain names");
                continue;
            }
            if (known.Contains(key)) result[key] = (scalar, value);
            else Error(scalar, KeySuggestion.Unknown("key", key, known, where));
        }
        return result;
    }

    /// <summary>Reports each required key that is absent, at the mapping that should hold it.</summary>
    public void Require(YamlMappingNode map, IReadOnlyDictionary<string, (YamlScalarNode Key, YamlNode Value)> keys, params string[] required)
    {
        foreach (var key in required)
        {
            if (!keys.ContainsKey(key)) Error(map, $"missing required key '{key}'");
        }
    }

    public YamlMappingNode? Mapping(YamlNode node, string what)
    {
        if (node is YamlMappingNode map) return map;
        Error(node, $"{what} must be a mapping");
        return null;
    }

    /// <summary>A scalar's text; null (reported) when the node is not a scalar or, if required, is empty.</summary>
    public string? String(YamlNode node, string key, bool required = true)
    {
        if (node is not YamlScalarNode scalar)
        {
            Error(node, $"'{key}' must be a string");
            return null;
        }
        if (IsNull(scalar))
        {
            if (required) Error(node, $"'{key}' must not be empty");
            return null;
        }
        return scalar.Value;
    }

    private static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style == ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";
}
