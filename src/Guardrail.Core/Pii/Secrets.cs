using System.Buffers;
using System.Text.Json.Nodes;

namespace Guardrail.Pii;

/// <summary>Finds credentials: provider keys by their issued shape, private keys, JWTs, and high-entropy assignments.</summary>
internal static class Secrets
{
    // Literal pre-checks: the patterns' first characters (s, A, g, x, e...) are common in prose, their prefixes are not.
    private static readonly SearchValues<string> ProviderPrefixes = SearchValues.Create(
        ["sk-", "sk_live_", "rk_live_", "AKIA", "ASIA", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-",
         "xoxb-", "xoxa-", "xoxp-", "xoxr-", "xoxs-", "AIza", "eyJ"], StringComparison.Ordinal);

    private static readonly SearchValues<string> AssignmentNames = SearchValues.Create(
        ["key", "secret", "token", "passw", "pwd"], StringComparison.OrdinalIgnoreCase);

    /// <summary>How far before a name fragment (e.g. <c>key</c> in <c>access_key</c>) a match may start.</summary>
    private const int LongestNamePrefix = 16;

    public static void Find(string text, PiiOptions options, ref List<PiiMatch>? sink)
    {
        var first = text.AsSpan().IndexOfAny(ProviderPrefixes);
        if (first >= 0) FindProviderTokens(text, first, ref sink);
        if (text.Contains("-----BEGIN", StringComparison.Ordinal))
        {
            foreach (var m in SecretPatterns.PrivateKey().EnumerateMatches(text))
            {
                Add(ref sink, m.Index, m.Index + m.Length, 0.9, "private-key", "Private key block (PEM).");
            }
        }
        var name = text.AsSpan().IndexOfAny(AssignmentNames);
        if (name >= 0 && text.AsSpan(name).IndexOfAny(':', '=') >= 0)
        {
            FindAssignments(text, Math.Max(0, name - LongestNamePrefix), options, ref sink);
        }
    }

    private static void FindProviderTokens(string text, int startAt, ref List<PiiMatch>? sink)
    {
        foreach (var m in SecretPatterns.ProviderToken().EnumerateMatches(text, startAt))
        {
            var token = text.AsSpan(m.Index, m.Length);
            var provider = SecretPatterns.ProviderOf(token);
            // Free-form prefixes (sk-, glpat-...) also start ordinary hyphenated words; issued keys contain digits.
            if (provider is not ("aws-access-key" or "google-api" or "jwt") && token.IndexOfAnyInRange('0', '9') < 0) continue;
            Add(ref sink, m.Index, m.Index + m.Length, 0.9, provider, $"{SecretPatterns.Describe(provider)}.");
        }
    }

    private static void FindAssignments(string text, int startAt, PiiOptions options, ref List<PiiMatch>? sink)
    {
        foreach (var m in SecretPatterns.Assignment().EnumerateMatches(text, startAt))
        {
            var s = text.AsSpan(m.Index, m.Length);
            var nameEnd = s.IndexOfAny(":=\"'");
            var start = s.IndexOfAny(':', '=') + 1;
            while (start < s.Length && s[start] is ' ' or '\t' or '"' or '\'') start++;
            var end = s.Length;
            while (end > start && s[end - 1] == '.') end--; // sentence full stop, not part of the value
            var value = s[start..end];
            if (value.Length < options.GenericSecretMinLength) continue;
            var entropy = Entropy.BitsPerChar(value);
            if (entropy < options.GenericSecretMinEntropy) continue;
            var name = s[..nameEnd].ToString().ToLowerInvariant();
            var evidence = new JsonObject
            {
                ["provider"] = "generic",
                ["name"] = name,
                ["entropy"] = Math.Round(entropy, 2),
            };
            PiiMatch.Add(ref sink, new PiiMatch(PiiKinds.Secret, m.Index + start, m.Index + end, 0.6, PiiPriority.Secret,
                $"High-entropy value assigned to '{name}'.", evidence));
        }
    }

    private static void Add(ref List<PiiMatch>? sink, int start, int end, double score, string provider, string explanation) =>
        PiiMatch.Add(ref sink, new PiiMatch(PiiKinds.Secret, start, end, score, PiiPriority.Secret, explanation,
            new JsonObject { ["provider"] = provider }));
}
