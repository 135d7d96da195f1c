using Guardrail.Grounding;

namespace Guardrail.ML.Features;

/// <summary>
/// The support model's feature vector: the 15 core features of <see cref="SupportFeatures"/> followed by four extra
/// features computed from the same two analyses (proposed as core features 15–18).
/// </summary>
/// <remarks>
/// The extras were kept because they raised grouped cross-validated ROC-AUC on train+dev (never test); other candidates
/// (idf-weighted, length-weighted and two-sentence recall, missing-term runs, copy coverage, clause-level recall) did
/// not and were dropped. See models/grounding.md.
/// </remarks>
public static class GroundingFeatures
{
    /// <summary>The extra features, in vector order after the core ones.</summary>
    public static IReadOnlyList<string> ExtraNames { get; } =
    [
        "entities_missing_log",  // 15 log(1 + capitalised names of the claim absent from the source)
        "numbers_missing_log",   // 16 log(1 + numbers of the claim absent from the source)
        "personal_share",        // 17 share of the claim's tokens that are first- or second-person pronouns (chat, opinion)
        "question",              // 18 1 when the claim asks (contains '?' or '？')
    ];

    /// <summary>All feature names: core then extra.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. SupportFeatures.Names, .. ExtraNames];

    /// <summary>Length of the full vector.</summary>
    public static int Count => Names.Count;

    private static readonly HashSet<string> Personal = new(StringComparer.Ordinal)
    {
        "i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "you", "your", "yours", "i'm", "i've", "i'd", "i'll",
        "we're", "we've", "you're", "you've", "我", "你",
    };

    /// <summary>Allocating convenience for training and tests: analyses both texts and returns the full vector.</summary>
    public static float[] Compute(string claim, string source)
    {
        var f = new float[Count];
        Compute(AnalyzedText.Analyze(claim, sentences: false), AnalyzedText.Analyze(source), f);
        return f;
    }

    /// <summary>Fills <paramref name="features"/> (length at least <see cref="Count"/>): the core features, then the extras.</summary>
    public static SupportAlignment Compute(AnalyzedText claim, AnalyzedText source, Span<float> features)
    {
        if (features.Length < Count) throw new ArgumentException($"Need {Count} slots.", nameof(features));
        var alignment = SupportFeatures.Compute(claim, source, features);
        ComputeExtras(claim, source, features[SupportFeatures.Count..]);
        return alignment;
    }

    /// <summary>Fills the four extras alone into <paramref name="extra"/> (slots 15–18 of the full vector).</summary>
    public static void ComputeExtras(AnalyzedText claim, AnalyzedText source, Span<float> extra)
    {
        extra[0] = MathF.Log(1 + Missing(claim.Entities, source.TermSet));
        extra[1] = MathF.Log(1 + Missing(claim.Numbers, source.Numbers));
        var personal = 0;
        foreach (var (token, _, _) in claim.Tokens) if (Personal.Contains(token)) personal++;
        extra[2] = claim.TokenCount == 0 ? 0 : (float)personal / claim.TokenCount;
        extra[3] = Asks(claim) ? 1 : 0;
    }

    // A sentence's analysis keeps the whole text, so look only from its first token to just past its last.
    private static bool Asks(AnalyzedText claim)
    {
        if (claim.Tokens.Count == 0) return false;
        var start = claim.Tokens[0].Start;
        var end = Math.Min(claim.Text.Length, claim.Tokens[^1].End + 3);
        return claim.Text.AsSpan(start, end - start).IndexOfAny('?', '？') >= 0;
    }

    private static int Missing(HashSet<string> part, HashSet<string> whole)
    {
        var n = 0;
        foreach (var x in part) if (!whole.Contains(x)) n++;
        return n;
    }
}
