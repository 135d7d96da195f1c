using Guardrail.Rules.Conditions;
using YamlDotNet.RepresentationModel;

namespace Guardrail.Rules.Loading;

/// <summary>Turns a <c>when:</c> mapping into an <see cref="IRuleCondition"/>, reporting every problem.</summary>
internal sealed class ConditionParser(YamlFile file, IReadOnlyCollection<string> knownDetectors)
{
    /// <summary>Default <c>above:</c> for detector conditions.</summary>
    public const double DefaultAbove = 0.5;

    private static readonly string[] KindKeys = ["pii", "detector", "classifier", "regex", "keywords", "any", "all", "not"];

    private static readonly Dictionary<string, string[]> Modifiers = new()
    {
        ["pii"] = ["above"],
        ["detector"] = ["kind", "above"],
        ["classifier"] = ["category", "above"],
        ["regex"] = ["ignoreCase"],
        ["keywords"] = ["ignoreCase"],
        ["any"] = [],
        ["all"] = [],
        ["not"] = [],
    };

    private static readonly HashSet<string> AllModifiers = Modifiers.Values.SelectMany(m => m).ToHashSet();

    public IRuleCondition? Parse(YamlNode node)
    {
        if (file.Mapping(node, "a condition") is not { } map) return null;
        var keys = new List<(YamlScalarNode Key, YamlNode Value)>();
        foreach (var (k, v) in map.Children)
        {
            if (k is YamlScalarNode { Value: not null } s) keys.Add((s, v));
            else file.Error(k, "keys must be plain names");
        }
        var kinds = keys.Where(k => KindKeys.Contains(k.Key.Value)).ToList();
        if (kinds.Count == 0)
        {
            var unknown = keys.Where(k => !AllModifiers.Contains(k.Key.Value!)).ToList();
            foreach (var (k, _) in unknown) file.Error(k, KeySuggestion.Unknown("condition kind", k.Value!, KindKeys));
            if (unknown.Count == 0) file.Error(map, $"condition has no kind key; expected one of: {string.Join(", ", KindKeys)}");
            return null;
        }
        if (kinds.Count > 1)
        {
            file.Error(kinds[1].Key, $"condition has several kind keys ({string.Join(", ", kinds.Select(k => k.Key.Value))}); combine conditions with any/all");
            return null;
        }
        var kind = kinds[0].Key.Value!;
        var allowed = Modifiers[kind];
        var mods = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        var before = file.ErrorCount;
        foreach (var (k, v) in keys)
        {
            var name = k.Value!;
            if (name == kind) continue;
            if (allowed.Contains(name)) mods[name] = v;
            else if (AllModifiers.Contains(name) || KindKeys.Contains(name)) file.Error(k, $"'{name}' does not apply to a {kind} condition");
            else file.Error(k, KeySuggestion.Unknown("key", name, [.. allowed, .. KindKeys], $"{kind} condition"));
        }
        var condition = Build(kind, kinds[0].Key, kinds[0].Value, mods);
        return file.ErrorCount == before ? condition : null;
    }

    private IRuleCondition? Build(string kind, YamlScalarNode key, YamlNode value, Dictionary<string, YamlNode> mods)
    {
        var above = mods.TryGetValue("above", out var a) ? file.Threshold(a, "above") : DefaultAbove;
        switch (kind)
        {
            case "pii":
                CheckDetector("pii", key);
                return KindList(value, "pii") is { } piiKinds ? new DetectorCondition("pii", piiKinds, above ?? DefaultAbove) : null;
            case "detector":
            {
                var name = file.String(value, "detector");
                if (name is not null) CheckDetector(name, value);
                var kinds = mods.TryGetValue("kind", out var k) ? KindList(k, "kind") : [];
                return name is null || kinds is null ? null : new DetectorCondition(name, kinds, above ?? DefaultAbove);
            }
            case "classifier":
            {
                var name = file.String(value, "classifier");
                if (name is not null) CheckDetector(name, value);
                string? category = null;
                if (mods.TryGetValue("category", out var c)) category = file.String(c, "category");
                else file.Error(key, "a classifier condition needs 'category'");
                return name is null || category is null ? null : new DetectorCondition(name, [category], above ?? DefaultAbove) { IsClassifier = true };
            }
            case "regex":
            {
                var pattern = file.String(value, "regex");
                var ignoreCase = mods.TryGetValue("ignoreCase", out var ic) ? file.Bool(ic, "ignoreCase") ?? true : true;
                if (pattern is null) return null;
                if (RegexCondition.TryCreate(pattern, ignoreCase, out var regex, out var error)) return regex;
                file.Error(value, $"regex does not compile: {error}");
                return null;
            }
            case "keywords":
            {
                var words = file.Strings(value, "keywords");
                var ignoreCase = mods.TryGetValue("ignoreCase", out var ic) ? file.Bool(ic, "ignoreCase") ?? true : true;
                if (words is null) return null;
                if (words.Count == 0) file.Error(value, "'keywords' needs at least one keyword");
                foreach (var (w, node) in words)
                {
                    if (Text.NormalizedText.Create(w).Folded.Trim().Length == 0) file.Error(node, "keyword is empty after folding");
                }
                return new KeywordsCondition(words.Select(w => w.Value), ignoreCase);
            }
            case "not":
                return Parse(value) is { } child ? new NotCondition(child) : null;
            default: // any, all
                if (value is not YamlSequenceNode seq || seq.Children.Count == 0)
                {
                    file.Error(value, $"'{kind}' needs a non-empty list of conditions");
                    return null;
                }
                var children = seq.Children.Select(Parse).ToList();
                if (children.Any(c => c is null)) return null;
                return kind == "any" ? new AnyCondition(children!) : new AllCondition(children!);
        }
    }

    private List<string>? KindList(YamlNode node, string key)
    {
        var list = file.Strings(node, key);
        if (list is { Count: 0 }) file.Error(node, $"'{key}' needs at least one kind");
        return list?.Select(x => x.Value).ToList();
    }

    private void CheckDetector(string name, YamlNode at)
    {
        if (knownDetectors.Contains(name, StringComparer.OrdinalIgnoreCase)) return;
        var known = knownDetectors.Count == 0 ? "none" : string.Join(", ", knownDetectors.Order(StringComparer.Ordinal));
        var hint = KeySuggestion.Closest(name, knownDetectors) is { } s ? $"; did you mean '{s}'?" : "";
        file.Error(at, $"unknown detector '{name}' (known: {known}){hint}");
    }
}
