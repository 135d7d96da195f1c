namespace Guardrail.Grounding;

/// <summary>One source the caller supplied with the request.</summary>
/// <param name="Id">The id citations use (<c>1</c>, <c>doc1</c>, a URL's id); unique within a <see cref="SourceSet"/>.</param>
/// <param name="Title">Optional title.</param>
/// <param name="Url">Optional URL (an answer may cite the source by it).</param>
/// <param name="Text">The source text (possibly cut to the policy's limit; see <see cref="SourceSet.Notes"/>).</param>
/// <param name="Origin">Where it came from, e.g. <c>request.messages[2]</c> or <c>guardrail.sources[0]</c>.</param>
public sealed record Source(string Id, string? Title, string? Url, string Text, string Origin)
{
    private AnalyzedText? _analysis;
    private string? _folded;

    // A `with` copy must not inherit the caches: they describe the original's Text, which the copy may replace.
    private Source(Source original)
    {
        Id = original.Id;
        Title = original.Title;
        Url = original.Url;
        Text = original.Text;
        Origin = original.Origin;
    }

    /// <summary>The source's alignment analysis, built on first use and shared by every claim (thread-safe: idempotent).</summary>
    public AnalyzedText Analysis => _analysis ??= AnalyzedText.Analyze(Text);

    /// <summary>The text folded for verbatim quote search (see <see cref="QuoteFolding"/>), built on first use.</summary>
    internal string Folded => _folded ??= QuoteFolding.Fold(Text);
}
