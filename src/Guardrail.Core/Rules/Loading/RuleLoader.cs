using Guardrail.Policies;

namespace Guardrail.Rules.Loading;

/// <summary>Loads and validates a rules folder: one rule per YAML file, policies in <c>policies/</c> (DESIGN.md §6).</summary>
public static class RuleLoader
{
    /// <summary>The sub-folder that holds policies rather than rules.</summary>
    public const string PoliciesFolder = "policies";

    // Not rules: the judge's constitution (DESIGN.md §9) lives at the top of the same folder.
    internal static readonly HashSet<string> NotRules = new(StringComparer.OrdinalIgnoreCase) { "constitution.yaml", "constitution.yml" };

    /// <summary>Loads every rule and policy under <paramref name="directory"/>, reporting every error at once.</summary>
    /// <param name="directory">The rules folder; error paths are relative to it.</param>
    /// <param name="knownDetectors">Detector names conditions may use, e.g. <c>pii</c>, <c>injection</c>.</param>
    public static RuleLoadResult Load(string directory, IReadOnlyCollection<string> knownDetectors)
    {
        var errors = new List<RuleError>();
        var policies = new Dictionary<string, Policy>(StringComparer.Ordinal);
        if (!Directory.Exists(directory))
        {
            errors.Add(new RuleError(directory, 1, 1, "rules folder does not exist"));
            policies["default"] = Policy.Default;
            return new RuleLoadResult { Policies = policies, Errors = errors };
        }
        var files = RuleFiles.Find(directory);
        var contents = new List<string>(files.Count);
        var parsed = new List<(string File, ParsedRule Rule)>();
        var policyTexts = new List<(string File, string Text)>();
        foreach (var (full, relative) in files)
        {
            if (RuleFiles.TryRead(full, relative, errors) is not { } text) continue;
            contents.Add(text);
            if (relative.StartsWith(PoliciesFolder + "/", StringComparison.Ordinal)) policyTexts.Add((relative, text));
            else parsed.Add((relative, RuleParser.Parse(text, relative, knownDetectors, errors)));
        }
        ReportDuplicates(parsed, errors);

        var byId = new Dictionary<string, Rule?>(StringComparer.Ordinal);
        foreach (var (_, p) in parsed)
        {
            if (p.Id is not null) byId.TryAdd(p.Id, p.Rule);
        }
        foreach (var (file, text) in policyTexts)
        {
            if (PolicyParser.Parse(text, file, byId, errors) is { } policy) policies[policy.Name] = policy;
        }
        policies.TryAdd("default", Policy.Default);

        var sorted = Sorted(errors);
        var ruleSet = errors.Count == 0
            ? new RuleSet(parsed.Select(p => p.Rule.Rule!).ToArray(), RuleSet.HashOf(contents))
            : null;
        return new RuleLoadResult { RuleSet = ruleSet, Policies = policies, Errors = sorted };
    }

    /// <summary>Loads one rule file; <paramref name="rulesDirectory"/> (default: the file's folder) makes error paths relative.</summary>
    public static RuleFileResult LoadFile(string path, IReadOnlyCollection<string> knownDetectors, string? rulesDirectory = null)
    {
        var errors = new List<RuleError>();
        var relative = Path.GetRelativePath(rulesDirectory ?? Path.GetDirectoryName(Path.GetFullPath(path))!, path).Replace('\\', '/');
        if (RuleFiles.TryRead(path, relative, errors) is not { } text) return new RuleFileResult(null, errors);
        return Parse(text, relative, knownDetectors);
    }

    /// <summary>Parses rule YAML held in memory; <paramref name="file"/> names it in errors.</summary>
    public static RuleFileResult Parse(string yaml, string file, IReadOnlyCollection<string> knownDetectors)
    {
        var errors = new List<RuleError>();
        var parsed = RuleParser.Parse(yaml, file, knownDetectors, errors);
        return new RuleFileResult(errors.Count == 0 ? parsed.Rule : null, Sorted(errors));
    }

    /// <summary>Whether <paramref name="relativePath"/> (with <c>/</c>) is a rule or policy file the loader reads.</summary>
    public static bool IsRuleOrPolicyFile(string relativePath) => RuleFiles.IsCandidate(relativePath, NotRules);

    // Stable sort: errors at the same position keep the order they were found in.
    private static List<RuleError> Sorted(List<RuleError> errors) =>
        errors.OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Line).ThenBy(e => e.Column).ToList();

    private static void ReportDuplicates(List<(string File, ParsedRule Rule)> parsed, List<RuleError> errors)
    {
        foreach (var group in parsed.Where(p => p.Rule.Id is not null).GroupBy(p => p.Rule.Id!, StringComparer.Ordinal))
        {
            var all = group.ToList();
            if (all.Count < 2) continue;
            foreach (var (file, rule) in all)
            {
                var others = string.Join(", ", all.Where(o => o.File != file).Select(o => $"{o.File}:{o.Rule.Line}:{o.Rule.Column}"));
                errors.Add(new RuleError(file, rule.Line, rule.Column, $"duplicate id '{rule.Id}' (also defined in {others})"));
            }
        }
    }
}
