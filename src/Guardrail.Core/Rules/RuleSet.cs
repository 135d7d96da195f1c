using System.Security.Cryptography;
using System.Text;

namespace Guardrail.Rules;

/// <summary>An immutable set of loaded rules with a short content hash that names its version.</summary>
public sealed class RuleSet
{
    /// <summary>Creates a rule set; <paramref name="contentHash"/> identifies the files it came from.</summary>
    public RuleSet(IReadOnlyList<Rule> rules, string contentHash)
    {
        Rules = rules;
        Hash = contentHash;
    }

    /// <summary>The rules, in load order (file path order).</summary>
    public IReadOnlyList<Rule> Rules { get; }

    /// <summary>Short hash of the rule files' contents (7 hex digits), shown in <c>policy@hash</c>.</summary>
    public string Hash { get; }

    /// <summary>A set with no rules.</summary>
    public static RuleSet Empty { get; } = new([], "0000000");

    /// <summary>Hashes text contents the same way everywhere (first 7 hex digits of SHA-256).</summary>
    public static string HashOf(IEnumerable<string> contents)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var c in contents) sha.AppendData(Encoding.UTF8.GetBytes(c));
        return Convert.ToHexString(sha.GetHashAndReset())[..7].ToLowerInvariant();
    }
}
