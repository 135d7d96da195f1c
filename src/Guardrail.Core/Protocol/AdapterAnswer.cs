using System.Text.Json.Nodes;
using Guardrail.Detection;
using Guardrail.Verdicts;

namespace Guardrail.Protocol;

/// <summary>A buffered answer an adapter read: the parsed body and its text targets, and how to apply a verdict to it.</summary>
public abstract class AdapterAnswer(JsonObject root, TargetList targets)
{
    /// <summary>The whole body, unknown fields preserved.</summary>
    public JsonObject Root { get; } = root;

    /// <summary>The answer's targets and their writers.</summary>
    public TargetList TargetList { get; } = targets;

    /// <summary>The answer's text targets.</summary>
    public IReadOnlyList<TextTarget> Targets => TargetList.Targets;

    /// <summary>Reasons parts of the answer are not readable as text (a number where text was expected), recorded as unchecked.</summary>
    public IReadOnlyList<string> Unreadable { get; init; } = [];

    /// <summary>
    /// Applies the final verdict in the API's own shapes: what blocks withholds its choice (or the whole answer),
    /// redactions mask their spans, and the verdict is attached. Mutates <see cref="Root"/>.
    /// </summary>
    public abstract void Apply(AnswerRewrite rewrite);

    /// <summary>The body to send.</summary>
    public ReadOnlyMemory<byte> Serialize() => Verdicts.WireJson.SerializeToUtf8(Root);
}

/// <summary>What a buffered answer is rewritten with.</summary>
/// <param name="Verdict">The exchange's final verdict.</param>
/// <param name="TargetScores">Scores per target path, so each choice reports its own (n &gt; 1).</param>
/// <param name="BlockMessage">The policy's message for a withheld answer.</param>
/// <param name="Request">The request, when it was read (e.g. for JSON mode).</param>
public sealed record AnswerRewrite(
    Verdict Verdict,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> TargetScores,
    string BlockMessage,
    AdapterRequest? Request)
{
    /// <summary>The findings on targets whose path starts with <paramref name="prefix"/> (a choice's path).</summary>
    public IReadOnlyList<Finding> FindingsUnder(string prefix) =>
        Verdict.Findings.Where(f => f.Target == prefix || f.Target.StartsWith(prefix + ".", StringComparison.Ordinal)).ToList();

    /// <summary>Highest score per category over the targets under <paramref name="prefix"/>.</summary>
    public IReadOnlyDictionary<string, double> ScoresUnder(string prefix)
    {
        var scores = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (var (path, s) in TargetScores)
        {
            if (path != prefix && !path.StartsWith(prefix + ".", StringComparison.Ordinal)) continue;
            foreach (var (k, v) in s) scores[k] = Math.Max(scores.GetValueOrDefault(k), v);
        }
        return scores;
    }
}
