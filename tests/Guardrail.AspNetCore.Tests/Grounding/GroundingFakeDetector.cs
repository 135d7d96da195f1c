using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Guardrail.Detection;
using Guardrail.Text;
using Guardrail.Verdicts;

namespace Guardrail.AspNetCore.Tests.Grounding;

/// <summary>
/// Stands in for the real grounding check (not on this branch): one <c>unsupported</c> signal per answer sentence that
/// has a word found in none of <see cref="TextTarget.Sources"/>' texts, and nothing at all when the target has no sources.
/// It reads only the target, so it proves the sources reached the check, not how well grounding works.
/// </summary>
internal sealed partial class GroundingFakeDetector : IDetector
{
    public const string DetectorName = "grounding-fake";

    public string Name => DetectorName;

    public IReadOnlyList<Signal> Detect(TextTarget target)
    {
        if (target.Direction != Direction.Response || target.Sources is not { Count: > 0 } sources) return [];
        var known = new HashSet<string>(sources.Sources.SelectMany(s => Words(s.Text)), StringComparer.OrdinalIgnoreCase);
        var signals = new List<Signal>();
        foreach (var range in SentenceSplitter.Split(target.Text))
        {
            var (start, length) = range.GetOffsetAndLength(target.Text.Length);
            var sentence = target.Text.Substring(start, length).TrimEnd();
            var missing = Words(sentence).Where(w => !known.Contains(w)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (missing.Count == 0 || sentence.Length == 0) continue;
            var evidence = new JsonObject { ["missing"] = new JsonArray(missing.Select(m => (JsonNode)m).ToArray()) };
            signals.Add(new Signal("unsupported", 1, new TextSpan(start, start + sentence.Length), "A word of this sentence is in no source.", evidence));
        }
        return signals;
    }

    private static IEnumerable<string> Words(string text) => WordPattern().Matches(text).Select(m => m.Value);

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordPattern();
}
