using System.Text.RegularExpressions;

namespace Guardrail.Pii;

/// <summary>Finds email addresses (dot-atom local part, dotted domain with an alphabetic top-level label).</summary>
internal static partial class EmailAddresses
{
    // The lookbehind makes each run of local-part characters start one attempt only, keeping scans linear.
    [GeneratedRegex(@"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9_%+\-]+(?:\.[A-Za-z0-9_%+\-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![A-Za-z0-9\-])",
        RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Candidate();

    public static void Find(string text, ref List<PiiMatch>? sink)
    {
        if (!text.Contains('@')) return;
        foreach (var m in Candidate().EnumerateMatches(text))
        {
            PiiMatch.Add(ref sink, new PiiMatch(PiiKinds.Email, m.Index, m.Index + m.Length, 0.9, PiiPriority.Email,
                "Email address.", null));
        }
    }
}
