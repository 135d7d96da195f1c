using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Guardrail.Grounding;
using Guardrail.Rules.Loading;
using YamlDotNet.RepresentationModel;

namespace Guardrail.Judging;

/// <summary>What loading a constitution gave: the constitution, or every error found.</summary>
public sealed record ConstitutionLoadResult(Constitution? Constitution, IReadOnlyList<RuleError> Errors)
{
    /// <summary>True when the file loaded without errors.</summary>
    public bool Success => Constitution is not null && Errors.Count == 0;
}

/// <summary>
/// Loads and validates <c>constitution.yaml</c>, reporting every problem at once as <c>file:line:column: message</c>, as
/// rule files are: unknown keys (with a suggestion), duplicate or malformed ids, unknown severities, principles without
/// a passing and a failing example.
/// </summary>
public static partial class ConstitutionLoader
{
    /// <summary>The file name the rules folder keeps it under.</summary>
    public const string FileName = "constitution.yaml";

    private static readonly string[] TopKeys = ["version", "name", "description", "principles"];
    private static readonly string[] PrincipleKeys = ["id", "categories", "severity", "description", "examples"];
    private static readonly string[] ExampleKeys = ["pass", "fail"];
    private static readonly string[] ExampleFields = ["answer", "prompt", "document", "sources"];
    private static readonly string[] Severities = ["low", "medium", "high"];

    /// <summary>The constitution in <paramref name="rulesDirectory"/>, or null (no error) when the folder has none.</summary>
    public static ConstitutionLoadResult? LoadFromRules(string rulesDirectory)
    {
        var path = Path.Combine(rulesDirectory, FileName);
        return File.Exists(path) ? Load(path, FileName) : null;
    }

    /// <summary>Loads the file at <paramref name="path"/>; <paramref name="display"/> names it in errors.</summary>
    public static ConstitutionLoadResult Load(string path, string? display = null)
    {
        display ??= Path.GetFileName(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new ConstitutionLoadResult(null, [new RuleError(display, 1, 1, $"cannot read the constitution: {ex.Message}")]);
        }
        return Parse(text, display);
    }

    /// <summary>Parses constitution YAML held in memory.</summary>
    public static ConstitutionLoadResult Parse(string yaml, string file)
    {
        var errors = new List<RuleError>();
        var y = new YamlFile(file, errors);
        var principles = new List<Principle>();
        var name = "constitution";
        if (y.LoadSingle(yaml, "constitution") is { } root && y.Mapping(root, "the constitution") is { } map)
        {
            var keys = y.Keys(map, TopKeys, "constitution");
            y.Require(map, keys, "version", "principles");
            if (keys.TryGetValue("version", out var version) && y.String(version.Value, "version") is { } v && v != "1")
            {
                y.Error(version.Value, $"unsupported constitution version '{v}'; expected 1");
            }
            if (keys.TryGetValue("name", out var n) && y.String(n.Value, "name") is { } named) name = named;
            if (keys.TryGetValue("principles", out var list)) principles = ParsePrinciples(y, list.Value);
        }
        var sorted = errors.OrderBy(e => e.Line).ThenBy(e => e.Column).ToList();
        return sorted.Count == 0
            ? new ConstitutionLoadResult(new Constitution(name, principles, HashOf(yaml)), [])
            : new ConstitutionLoadResult(null, sorted);
    }

    private static List<Principle> ParsePrinciples(YamlFile y, YamlNode node)
    {
        var principles = new List<Principle>();
        if (node is not YamlSequenceNode seq || seq.Children.Count == 0)
        {
            y.Error(node, "'principles' must be a list of at least one principle");
            return principles;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in seq.Children)
        {
            if (y.Mapping(item, "a principle") is not { } map) continue;
            var keys = y.Keys(map, PrincipleKeys, "principle");
            y.Require(map, keys, "id", "categories", "severity", "description", "examples");
            var id = keys.TryGetValue("id", out var idKv) ? y.String(idKv.Value, "id") : null;
            if (id is not null && !IdPattern().IsMatch(id))
            {
                y.Error(idKv.Value, $"invalid principle id '{id}'; use lowercase letters, digits and dashes");
                id = null;
            }
            if (id is not null && !seen.Add(id)) y.Error(idKv.Value, $"duplicate principle id '{id}'");
            var categories = keys.TryGetValue("categories", out var c) ? y.Strings(c.Value, "categories") : null;
            if (categories is { Count: 0 }) y.Error(c.Value, "'categories' needs at least one category");
            var severity = keys.TryGetValue("severity", out var s) ? y.Choice(s.Value, "severity", Severities) : null;
            var description = keys.TryGetValue("description", out var d) ? y.String(d.Value, "description") : null;
            var examples = keys.TryGetValue("examples", out var e) ? ParseExamples(y, e.Value) : null;
            if (id is null || categories is not { Count: > 0 } || severity is null || description is null || examples is null) continue;
            principles.Add(new Principle(id, categories.Select(x => x.Value).ToArray(), Enum.Parse<JudgeSeverity>(severity, ignoreCase: true), description.Trim(), examples));
        }
        return principles;
    }

    private static List<PrincipleExample>? ParseExamples(YamlFile y, YamlNode node)
    {
        if (y.Mapping(node, "'examples'") is not { } map) return null;
        var before = y.ErrorCount;
        var keys = y.Keys(map, ExampleKeys, "examples");
        y.Require(map, keys, "pass", "fail");
        var examples = new List<PrincipleExample>();
        foreach (var (key, violates) in new[] { ("pass", false), ("fail", true) })
        {
            if (!keys.TryGetValue(key, out var kv)) continue;
            if (kv.Value is not YamlSequenceNode seq || seq.Children.Count == 0)
            {
                y.Error(kv.Value, $"'{key}' must be a list of at least one example");
                continue;
            }
            foreach (var item in seq.Children)
            {
                if (ParseExample(y, item, violates) is { } example) examples.Add(example);
            }
        }
        return y.ErrorCount == before ? examples : null;
    }

    private static PrincipleExample? ParseExample(YamlFile y, YamlNode node, bool violates)
    {
        var line = Math.Max(1, (int)node.Start.Line);
        if (node is YamlScalarNode)
        {
            return y.String(node, "example") is { } answer ? new PrincipleExample(answer, null, null, [], violates, line) : null;
        }
        if (y.Mapping(node, "an example (the answer's text, or a mapping with 'answer')") is not { } map) return null;
        var keys = y.Keys(map, ExampleFields, "example");
        y.Require(map, keys, "answer");
        var text = keys.TryGetValue("answer", out var a) ? y.String(a.Value, "answer") : null;
        var prompt = keys.TryGetValue("prompt", out var p) ? y.String(p.Value, "prompt") : null;
        var document = keys.TryGetValue("document", out var d) ? y.String(d.Value, "document") : null;
        List<Source>? sources = [];
        if (keys.TryGetValue("sources", out var s)) sources = TestSources.Parse(y, s.Value);
        return text is null || sources is null ? null : new PrincipleExample(text, prompt, document, sources, violates, line);
    }

    private static string HashOf(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\n"))))[..7];

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex IdPattern();
}
