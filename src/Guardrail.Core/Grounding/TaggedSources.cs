using System.Text.RegularExpressions;

namespace Guardrail.Grounding;

/// <summary>One tagged block of a message: <c>&lt;source id="1" title="…"&gt;text&lt;/source&gt;</c>.</summary>
/// <param name="Id">The <c>id</c> or <c>index</c> attribute.</param>
/// <param name="Title">The <c>title</c> or <c>name</c> attribute, or Anthropic's inner <c>&lt;source&gt;</c> when it is not a URL.</param>
/// <param name="Url">The <c>url</c>, <c>href</c> or <c>src</c> attribute, or an inner <c>&lt;source&gt;</c> URL.</param>
/// <param name="Text">The block's text.</param>
/// <param name="Start">Where the block starts in the message.</param>
/// <param name="End">Where it ends (exclusive).</param>
internal readonly record struct TaggedBlock(string? Id, string? Title, string? Url, string Text, int Start, int End);

/// <summary>
/// Finds tagged source blocks in message text with a linear scan (a backtracking pattern would be quadratic on
/// unclosed tags). Blocks of the same name nest; an outer block swallows inner tags, so Anthropic's
/// <c>&lt;document&gt;&lt;source&gt;a.pdf&lt;/source&gt;&lt;document_content&gt;…&lt;/document_content&gt;&lt;/document&gt;</c> is one source.
/// </summary>
internal static partial class TaggedSources
{
    [GeneratedRegex(@"([\w:-]+)\s*=\s*(?:""([^""]*)""|'([^']*)'|([^\s""'>/]+))", RegexOptions.CultureInvariant)]
    private static partial Regex Attribute();

    /// <summary>The blocks of <paramref name="text"/> whose tag is one of <paramref name="tags"/> (case-insensitive); unclosed tags are reported to <paramref name="note"/>.</summary>
    public static List<TaggedBlock> Find(string text, IReadOnlyList<string> tags, Action<string> note)
    {
        var blocks = new List<TaggedBlock>();
        var live = tags.Where(t => t.Length > 0).ToList();
        var i = 0;
        while (live.Count > 0 && NextOpen(text, i, live) is var (open, name) && open >= 0)
        {
            var tagEnd = text.IndexOf('>', open);
            if (tagEnd < 0) break;
            var attributes = text[(open + 1 + name.Length)..tagEnd];
            if (attributes.EndsWith('/'))
            {
                i = tagEnd + 1; // <source/> holds nothing
                continue;
            }
            var (close, closeEnd) = FindClose(text, tagEnd + 1, name);
            if (close < 0)
            {
                note($"unclosed <{name}> tag; its text was not used as a source");
                live.Remove(name); // no later <name> can close either
                i = tagEnd + 1;
                continue;
            }
            blocks.Add(Block(text[(tagEnd + 1)..close], Attributes(attributes), open, closeEnd));
            i = closeEnd;
        }
        return blocks;
    }

    private static TaggedBlock Block(string inner, Dictionary<string, string> attrs, int start, int end)
    {
        var id = attrs.GetValueOrDefault("id") ?? attrs.GetValueOrDefault("index");
        var title = attrs.GetValueOrDefault("title") ?? attrs.GetValueOrDefault("name");
        var url = attrs.GetValueOrDefault("url") ?? attrs.GetValueOrDefault("href") ?? attrs.GetValueOrDefault("src");
        var text = inner;
        if (Inner(inner, "document_content") is { } content)
        {
            text = content;
            if (Inner(inner, "source") is { } label)
            {
                label = label.Trim();
                if (label.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || label.StartsWith("https://", StringComparison.OrdinalIgnoreCase)) url ??= label;
                else title ??= label;
            }
        }
        return new TaggedBlock(id, title, url, text, start, end);
    }

    private static (int Open, string Name) NextOpen(string text, int from, List<string> names)
    {
        for (var at = text.IndexOf('<', from); at >= 0; at = text.IndexOf('<', at + 1))
        {
            foreach (var name in names)
            {
                if (IsTagAt(text, at + 1, name)) return (at, name);
            }
        }
        return (-1, "");
    }

    // Depth-counted so <source><source>…</source></source> closes at the outer end.
    private static (int Close, int End) FindClose(string text, int from, string name)
    {
        var depth = 1;
        for (var at = text.IndexOf('<', from); at >= 0; at = text.IndexOf('<', at + 1))
        {
            if (at + 1 < text.Length && text[at + 1] == '/' && IsTagAt(text, at + 2, name))
            {
                var end = text.IndexOf('>', at);
                if (end < 0) return (-1, -1);
                if (--depth == 0) return (at, end + 1);
            }
            else if (IsTagAt(text, at + 1, name))
            {
                depth++;
            }
        }
        return (-1, -1);
    }

    private static bool IsTagAt(string text, int at, string name)
    {
        if (at + name.Length > text.Length || string.Compare(text, at, name, 0, name.Length, StringComparison.OrdinalIgnoreCase) != 0) return false;
        var next = at + name.Length;
        return next < text.Length && (char.IsWhiteSpace(text[next]) || text[next] is '>' or '/');
    }

    private static string? Inner(string text, string name)
    {
        var open = text.IndexOf("<" + name, StringComparison.OrdinalIgnoreCase);
        if (open < 0 || !IsTagAt(text, open + 1, name)) return null;
        var start = text.IndexOf('>', open);
        var close = start < 0 ? -1 : text.IndexOf("</" + name, start, StringComparison.OrdinalIgnoreCase);
        return close < 0 ? null : text[(start + 1)..close];
    }

    private static Dictionary<string, string> Attributes(string attributes)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match m in Attribute().Matches(attributes))
        {
            var value = m.Groups[2].Success ? m.Groups[2].Value : m.Groups[3].Success ? m.Groups[3].Value : m.Groups[4].Value;
            result.TryAdd(m.Groups[1].Value, value);
        }
        return result;
    }
}
