namespace Guardrail.Verdicts;

/// <summary>What the guard decided for an exchange or a single finding.</summary>
/// <remarks>Declared in order of strength: the verdict's decision is the strongest among its findings.</remarks>
public enum Decision
{
    /// <summary>Nothing to act on.</summary>
    Allow = 0,
    /// <summary>The guard could not run (size limit, parse failure, check error under fail-open); never reported as allow.</summary>
    Unchecked = 1,
    /// <summary>Released unchanged, but reported.</summary>
    Flag = 2,
    /// <summary>Released with the offending spans masked.</summary>
    Redact = 3,
    /// <summary>Withheld: the prompt is refused or the completion replaced.</summary>
    Block = 4,
}

/// <summary>Wire names and ordering helpers for <see cref="Decision"/>.</summary>
public static class DecisionExtensions
{
    /// <summary>The lower-case name used on the wire, in headers and in rule files.</summary>
    public static string ToWire(this Decision decision) => decision switch
    {
        Decision.Allow => "allow",
        Decision.Unchecked => "unchecked",
        Decision.Flag => "flag",
        Decision.Redact => "redact",
        Decision.Block => "block",
        _ => throw new ArgumentOutOfRangeException(nameof(decision)),
    };

    /// <summary>Parses a wire name; returns false for anything else.</summary>
    public static bool TryParseWire(string? value, out Decision decision)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case "allow": decision = Decision.Allow; return true;
            case "unchecked": decision = Decision.Unchecked; return true;
            case "flag": decision = Decision.Flag; return true;
            case "redact": decision = Decision.Redact; return true;
            case "block": decision = Decision.Block; return true;
            default: decision = Decision.Allow; return false;
        }
    }

    /// <summary>The stronger of two decisions.</summary>
    public static Decision Max(this Decision a, Decision b) => (int)a >= (int)b ? a : b;
}
