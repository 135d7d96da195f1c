using System.Text.RegularExpressions;

namespace Guardrail.Grounding;

/// <summary>One entry of a numbered source list: its number, the first URL in it, and its text.</summary>
internal readonly record struct NumberedItem(string Number, string? Url, string Text);

/// <summary>
/// Finds numbered lists (<c>[1] …</c> or <c>1. …</c>) under a heading that matches the policy's pattern
/// ("Sources:", "## References"). An item runs to the next item; indented lines continue it; a blank line ends it,
/// and the list ends at the first line that is neither an item nor a continuation.
/// </summary>
internal static partial class NumberedSources
{
    private static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(100);

    [GeneratedRegex(@"^\s*(?:\[(\d{1,4})\]|(\d{1,4})[.)])\s+(.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Item();

    [GeneratedRegex(@"https?://[^\s<>\[\]()""'`]+", RegexOptions.CultureInvariant)]
    private static partial Regex Url();

    /// <summary>The items of every list under a matching heading in <paramref name="text"/>.</summary>
    public static List<NumberedItem> Find(string text, string headingPattern)
    {
        var items = new List<NumberedItem>();
        if (string.IsNullOrEmpty(headingPattern)) return items;
        var inList = false;
        string? number = null;
        var body = new List<string>();
        foreach (var line in text.Split('\n'))
        {
            if (IsHeading(line, headingPattern))
            {
                Flush();
                inList = true;
                continue;
            }
            if (!inList) continue;
            if (Item().Match(line) is { Success: true } m)
            {
                Flush();
                number = m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value;
                body.Add(m.Groups[3].Value);
            }
            else if (line.Trim().Length == 0)
            {
                Flush(); // a blank line ends the item; the list goes on only if an item follows
            }
            else if (number is not null && char.IsWhiteSpace(line[0]))
            {
                body.Add(line.Trim());
            }
            else
            {
                Flush();
                inList = false;
            }
        }
        Flush();
        return items;

        void Flush()
        {
            if (number is not null)
            {
                var itemText = string.Join("\n", body).Trim();
                items.Add(new NumberedItem(number.TrimStart('0') is { Length: > 0 } n ? n : "0", Url().Match(itemText) is { Success: true } u ? u.Value.TrimEnd('.', ',', ';', ':') : null, itemText));
            }
            number = null;
            body.Clear();
        }
    }

    private static bool IsHeading(string line, string pattern)
    {
        var heading = line.Trim().Trim('#', '*', '_', ' ', '\t', '\r');
        if (heading.Length == 0 || heading.Length > 80) return false;
        try
        {
            return Regex.IsMatch(heading, pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, PatternTimeout);
        }
        catch (Exception ex) when (ex is RegexMatchTimeoutException or ArgumentException)
        {
            return false; // policies validate the pattern at load; options built in code get no lists rather than an error
        }
    }
}
