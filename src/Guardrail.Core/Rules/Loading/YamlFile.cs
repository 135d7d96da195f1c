using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Guardrail.Rules.Loading;

/// <summary>
/// Reads one YAML file node by node and records every problem with its position instead of stopping
/// at the first, so an author fixes a file in one pass.
/// </summary>
internal sealed class YamlFile(string file, List<RuleError> errors)
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

    /// <summary>A threshold in [0, 1].</summary>
    public double? Threshold(YamlNode node, string key)
    {
        if (String(node, key) is not { } text) return null;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            Error(node, $"'{key}' must be a number between 0 and 1, not '{text}'");
            return null;
        }
        if (value is < 0 or > 1 || double.IsNaN(value))
        {
            Error(node, $"threshold {text} is outside [0, 1]");
            return null;
        }
        return value;
    }

    public bool? Bool(YamlNode node, string key)
    {
        if (String(node, key) is not { } text) return null;
        if (bool.TryParse(text, out var value)) return value;
        Error(node, $"'{key}' must be true or false, not '{text}'");
        return null;
    }

    public long? PositiveInteger(YamlNode node, string key)
    {
        if (String(node, key) is not { } text) return null;
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0) return value;
        Error(node, $"'{key}' must be a positive whole number of bytes, not '{text}'");
        return null;
    }

    /// <summary>One string or a list of strings, each with its node; null (reported) on a wrong shape.</summary>
    public List<(string Value, YamlNode Node)>? Strings(YamlNode node, string key)
    {
        if (node is YamlScalarNode)
        {
            return String(node, key) is { } one ? [(one, node)] : null;
        }
        if (node is not YamlSequenceNode seq)
        {
            Error(node, $"'{key}' must be a string or a list of strings");
            return null;
        }
        var result = new List<(string, YamlNode)>();
        var ok = true;
        foreach (var item in seq.Children)
        {
            if (String(item, key) is { } s) result.Add((s, item));
            else ok = false;
        }
        return ok ? result : null;
    }

    /// <summary>A value from a fixed set, e.g. a direction or an action.</summary>
    public string? Choice(YamlNode node, string key, IReadOnlyCollection<string> allowed)
    {
        if (String(node, key) is not { } text) return null;
        if (allowed.Contains(text)) return text;
        Error(node, $"invalid {key} '{text}'; expected one of: {string.Join(", ", allowed)}");
        return null;
    }

    private static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style == ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";
}
