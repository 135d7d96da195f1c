using System.Text.RegularExpressions;
using Guardrail.Grounding;
using Guardrail.Rules.Loading;
using YamlDotNet.RepresentationModel;

namespace Guardrail.Policies;

/// <summary>Parses a policy's <c>grounding:</c> section into <see cref="SourceOptions"/>, reporting every error at its node.</summary>
internal static partial class PolicyGroundingParser
{
    private static readonly string[] Keys =
        ["sourceTags", "sourcesHeading", "requireCitations", "supportThreshold", "maxClaims", "maxSources", "maxSourceChars", "maxTotalChars"];

    [GeneratedRegex(@"^[A-Za-z][\w.-]*$")]
    private static partial Regex TagName();

    /// <summary>The section's settings over the defaults; null when it has errors (they are in the file's error list).</summary>
    public static SourceOptions? Parse(YamlFile y, YamlNode node)
    {
        if (y.Mapping(node, "'grounding'") is not { } map) return null;
        var before = y.ErrorCount;
        var keys = y.Keys(map, Keys, "grounding");
        var o = SourceOptions.Default;
        if (keys.TryGetValue("sourceTags", out var t) && y.Strings(t.Value, "sourceTags") is { } tags)
        {
            foreach (var (tag, tagNode) in tags)
            {
                if (!TagName().IsMatch(tag)) y.Error(tagNode, $"invalid tag name '{tag}'; use letters, digits, '-', '_' or '.', starting with a letter");
            }
            o = o with { SourceTags = tags.Select(x => x.Value).ToArray() };
        }
        if (keys.TryGetValue("sourcesHeading", out var h))
        {
            var pattern = y.String(h.Value, "sourcesHeading", required: false) ?? "";
            if (pattern.Length > 0 && Compiles(pattern) is { } error) y.Error(h.Value, $"sourcesHeading does not compile: {error}");
            o = o with { SourcesHeading = pattern };
        }
        if (keys.TryGetValue("requireCitations", out var rc) && y.Bool(rc.Value, "requireCitations") is { } require)
            o = o with { RequireCitations = require };
        if (keys.TryGetValue("supportThreshold", out var st) && y.Threshold(st.Value, "supportThreshold") is { } threshold)
            o = o with { SupportThreshold = threshold };
        if (keys.TryGetValue("maxClaims", out var mc) && y.PositiveInteger(mc.Value, "maxClaims", "claims", 100_000) is { } claims)
            o = o with { MaxClaims = (int)claims };
        if (keys.TryGetValue("maxSources", out var ms) && y.PositiveInteger(ms.Value, "maxSources", "sources", 10_000) is { } sources)
            o = o with { MaxSources = (int)sources };
        if (keys.TryGetValue("maxSourceChars", out var mx) && y.PositiveInteger(mx.Value, "maxSourceChars", "characters", int.MaxValue) is { } chars)
            o = o with { MaxSourceChars = (int)chars };
        if (keys.TryGetValue("maxTotalChars", out var mt) && y.PositiveInteger(mt.Value, "maxTotalChars", "characters", int.MaxValue) is { } total)
            o = o with { MaxTotalChars = (int)total };
        return y.ErrorCount == before ? o : null;
    }

    private static string? Compiles(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
            return null;
        }
        catch (ArgumentException ex)
        {
            return ex.Message;
        }
    }
}
