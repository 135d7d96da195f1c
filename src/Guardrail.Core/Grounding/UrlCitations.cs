using System.Text.RegularExpressions;
using Guardrail.Verdicts;

namespace Guardrail.Grounding;

/// <summary>Citations by URL in an answer: markdown links and bare URLs, and the URL form two URLs are compared in.</summary>
internal static partial class UrlCitations
{
    [GeneratedRegex(@"\[([^\]\n]{0,300})\]\((https?://[^\s)]{1,2000})\)", RegexOptions.CultureInvariant)]
    private static partial Regex Link();

    [GeneratedRegex(@"https?://[^\s<>\[\]()""'`]{1,2000}", RegexOptions.CultureInvariant)]
    private static partial Regex Bare();

    /// <summary>Adds every link and bare URL outside code to <paramref name="into"/>.</summary>
    public static void Find(string text, bool[] code, List<Citation> into)
    {
        var links = new List<TextSpan>();
        foreach (Match m in Link().Matches(text))
        {
            if (code[m.Index]) continue;
            var span = new TextSpan(m.Index, m.Index + m.Length);
            links.Add(span);
            into.Add(new Citation(CitationKind.Link, span, m.Value, [m.Groups[2].Value]));
        }
        var l = 0; // both come in text order, so one pass finds the link a bare match lies in
        foreach (Match m in Bare().Matches(text))
        {
            if (code[m.Index]) continue;
            var url = m.Value.TrimEnd('.', ',', ';', ':', '!', '?', '*', '_');
            var span = new TextSpan(m.Index, m.Index + url.Length);
            while (l < links.Count && links[l].End <= span.Start) l++;
            if (l < links.Count && links[l].Overlaps(span)) continue;
            into.Add(new Citation(CitationKind.Url, span, url, [url]));
        }
    }

    /// <summary>
    /// The form URLs are compared in: no scheme, no <c>www.</c>, no fragment, no trailing slash, lower case.
    /// Lenient on purpose: an answer that cites <c>http://Example.com/a/</c> cites <c>https://example.com/a</c>.
    /// </summary>
    public static string Normalize(string url)
    {
        var u = url.Trim();
        var hash = u.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0) u = u[..hash];
        var scheme = u.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0) u = u[(scheme + 3)..];
        if (u.StartsWith("www.", StringComparison.OrdinalIgnoreCase)) u = u[4..];
        return u.TrimEnd('/').ToLowerInvariant();
    }
}
