namespace Guardrail.Grounding;

/// <summary>Limits and patterns for source extraction (a policy's <c>grounding:</c> section).</summary>
public sealed record SourceOptions
{
    /// <summary>The defaults.</summary>
    public static SourceOptions Default { get; } = new();

    /// <summary>At most this many sources are used; the rest are noted as dropped.</summary>
    public int MaxSources { get; init; } = 64;

    /// <summary>Each source is cut to this many characters (noted).</summary>
    public int MaxSourceChars { get; init; } = 65_536;
}
