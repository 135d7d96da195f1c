using System.Text.RegularExpressions;

namespace Guardrail.Pii;

/// <summary>Regular expressions for provider API keys, private keys, JWTs and generic secret assignments.</summary>
internal static partial class SecretPatterns
{
    // Prefixes are case-sensitive as issued; the boundaries keep a key from matching inside a longer identifier.
    [GeneratedRegex("""
        (?<![A-Za-z0-9_\-])
        (?:
          sk-ant-[A-Za-z0-9_\-]{20,}
        | sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_\-]{20,}
        | [sr]k_live_[A-Za-z0-9]{16,}
        | (?:AKIA|ASIA)[0-9A-Z]{16}
        | gh[pousr]_[A-Za-z0-9]{36,}
        | github_pat_[A-Za-z0-9_]{22,}
        | glpat-[A-Za-z0-9_\-]{20,}
        | xox[baprs]-[A-Za-z0-9\-]{10,}
        | AIza[0-9A-Za-z_\-]{35}
        | eyJ[A-Za-z0-9_\-]{5,}\.[A-Za-z0-9_\-]{5,}\.[A-Za-z0-9_\-]{10,}
        )
        (?![A-Za-z0-9_\-])
        """, RegexOptions.CultureInvariant | RegexOptions.IgnorePatternWhitespace, 1000)]
    public static partial Regex ProviderToken();

    // The END line is optional so a truncated key block is still caught; the body scan is bounded.
    [GeneratedRegex(@"-----BEGIN[A-Z0-9 ]{0,40}PRIVATE KEY-----(?:[\s\S]{0,20000}?-----END[A-Z0-9 ]{0,40}PRIVATE KEY-----)?",
        RegexOptions.CultureInvariant, 1000)]
    public static partial Regex PrivateKey();

    [GeneratedRegex("""
        (?<![A-Za-z0-9])
        (?:api[_\-]?key|access[_\-]?key|secret[_\-]?key|client[_\-]?secret|secret|access[_\-]?token|auth[_\-]?token|token|password|passwd|pwd)
        ["']?\s{0,3}[:=]\s{0,3}["']?
        [A-Za-z0-9_\-+/=.]{8,256}
        """, RegexOptions.CultureInvariant | RegexOptions.IgnorePatternWhitespace | RegexOptions.IgnoreCase, 1000)]
    public static partial Regex Assignment();

    /// <summary>The provider a matched token belongs to, read from its prefix (order matters: sk-ant- before sk-).</summary>
    public static string ProviderOf(ReadOnlySpan<char> token) => token switch
    {
        _ when token.StartsWith("sk-ant-") => "anthropic",
        _ when token.StartsWith("sk-") => "openai",
        _ when token.StartsWith("sk_live_") || token.StartsWith("rk_live_") => "stripe",
        _ when token.StartsWith("AKIA") || token.StartsWith("ASIA") => "aws-access-key",
        _ when token.StartsWith("github_pat_") || token.StartsWith("gh") => "github",
        _ when token.StartsWith("glpat-") => "gitlab",
        _ when token.StartsWith("xox") => "slack",
        _ when token.StartsWith("AIza") => "google-api",
        _ => "jwt",
    };

    /// <summary>Human-readable name of a provider for explanations.</summary>
    public static string Describe(string provider) => provider switch
    {
        "anthropic" => "Anthropic API key",
        "openai" => "OpenAI API key",
        "stripe" => "Stripe live secret key",
        "aws-access-key" => "AWS access key id",
        "github" => "GitHub token",
        "gitlab" => "GitLab personal access token",
        "slack" => "Slack token",
        "google-api" => "Google API key",
        "private-key" => "Private key block",
        "jwt" => "JSON Web Token",
        _ => "Secret",
    };
}
