namespace Guardrail.Grounding;

/// <summary>
/// A policy's <c>grounding:</c> section: where sources are found, how much of them is read, and how claims are judged.
/// Travels with the <see cref="SourceSet"/> it built, so the grounding check applies the policy that extracted the sources.
/// </summary>
public sealed record SourceOptions
{
    /// <summary>The defaults.</summary>
    public static SourceOptions Default { get; } = new();

    /// <summary>The default <see cref="SourcesHeading"/>: a line that says only "Sources" or "References" (markdown marks and a colon allowed).</summary>
    public const string DefaultSourcesHeading = @"^(sources|references)\s*:?$";

    /// <summary>At most this many sources are used; the rest are dropped and reported unchecked. Default 64.</summary>
    public int MaxSources { get; init; } = 64;

    /// <summary>Each source is cut to this many characters (reported unchecked). Default 65,536.</summary>
    public int MaxSourceChars { get; init; } = 65_536;

    /// <summary>All sources together are cut to this many characters, bounding the work per exchange. Default 524,288.</summary>
    public int MaxTotalChars { get; init; } = 524_288;

    /// <summary>Tag names whose blocks in system and user messages are sources (<c>&lt;source id="1"&gt;…&lt;/source&gt;</c>). Default <c>source</c>, <c>document</c>.</summary>
    public IReadOnlyList<string> SourceTags { get; init; } = ["source", "document"];

    /// <summary>
    /// Case-insensitive .NET pattern for a heading line (trimmed, markdown <c>#</c>, <c>*</c>, <c>_</c> removed) under which
    /// a numbered list (<c>[1] …</c> or <c>1. …</c>) holds sources; empty switches numbered lists off.
    /// </summary>
    public string SourcesHeading { get; init; } = DefaultSourcesHeading;

    /// <summary>When true, a factual sentence without a citation is reported (<c>grounding.uncited-claim</c>). Default false.</summary>
    public bool RequireCitations { get; init; }

    /// <summary>A claim is supported when its support reaches this probability. Default 0.5.</summary>
    public double SupportThreshold { get; init; } = 0.5;

    /// <summary>At most this many checkable claims of one answer text are checked; the rest are reported unchecked. Default 200.</summary>
    public int MaxClaims { get; init; } = 200;
}
