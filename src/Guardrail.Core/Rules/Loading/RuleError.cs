namespace Guardrail.Rules.Loading;

/// <summary>One problem found while loading rules or policies, at a 1-based position in a file.</summary>
/// <param name="File">Path relative to the rules folder, with <c>/</c> separators.</param>
/// <param name="Line">1-based line of the offending YAML node.</param>
/// <param name="Column">1-based column of the offending YAML node.</param>
/// <param name="Message">What is wrong and, where possible, how to fix it.</param>
public sealed record RuleError(string File, int Line, int Column, string Message)
{
    /// <summary>The compiler-style form <c>file:line:column: message</c> that editors and CI understand.</summary>
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}
