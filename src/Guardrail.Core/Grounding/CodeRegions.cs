namespace Guardrail.Grounding;

/// <summary>
/// Marks the characters of an answer that are code (fenced <c>```</c> blocks and inline <c>`…`</c>): <c>x[1]</c>
/// there is an index, not a citation, and code lines are not claims.
/// </summary>
internal static class CodeRegions
{
    /// <summary>One flag per character of <paramref name="text"/>; true inside code.</summary>
    public static bool[] Mark(string text)
    {
        var code = new bool[text.Length];
        var fenced = false;
        var lineStart = 0;
        while (lineStart < text.Length)
        {
            var lineEnd = text.IndexOf('\n', lineStart);
            if (lineEnd < 0) lineEnd = text.Length;
            var line = text.AsSpan(lineStart, lineEnd - lineStart);
            var isFence = line.TrimStart().StartsWith("```", StringComparison.Ordinal);
            if (fenced || isFence)
            {
                Array.Fill(code, true, lineStart, lineEnd - lineStart);
                if (isFence) fenced = !fenced;
            }
            else
            {
                // Inline code: between pairs of backticks on one line; an odd last backtick opens nothing.
                var open = -1;
                for (var i = lineStart; i < lineEnd; i++)
                {
                    if (text[i] != '`') continue;
                    if (open < 0)
                    {
                        open = i;
                    }
                    else
                    {
                        Array.Fill(code, true, open, i + 1 - open);
                        open = -1;
                    }
                }
            }
            lineStart = lineEnd + 1;
        }
        return code;
    }
}
