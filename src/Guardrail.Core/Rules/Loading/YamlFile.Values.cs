using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Guardrail.Rules.Loading;

/// <summary>Typed readers for scalar values; each reports a wrong value at its node and returns null.</summary>
internal sealed partial class YamlFile
{
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

    /// <summary>A whole number above 0 (and at most <paramref name="max"/>); <paramref name="unit"/> names what it counts in the message.</summary>
    public long? PositiveInteger(YamlNode node, string key, string unit = "bytes", long max = long.MaxValue)
    {
        if (String(node, key) is not { } text) return null;
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 && value <= max) return value;
        Error(node, max == long.MaxValue
            ? $"'{key}' must be a positive whole number of {unit}, not '{text}'"
            : $"'{key}' must be a whole number of {unit} from 1 to {max}, not '{text}'");
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
}
