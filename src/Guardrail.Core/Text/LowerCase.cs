using System.Text;

namespace Guardrail.Text;

/// <summary>
/// Invariant lower-casing (simple case mapping, so lengths and positions stay) without ICU on the hot path:
/// <see cref="string.ToLowerInvariant()"/> hands any non-ASCII text to ICU, which costs several microseconds per
/// 1.5 KB; here ASCII runs are lower-cased vectorised and other characters through a table filled per page of 256.
/// </summary>
internal static class LowerCase
{
    private static readonly char[]?[] Pages = new char[256][];

    /// <summary>Lower-cases <paramref name="text"/>; pure ASCII without capitals comes back as the same instance.</summary>
    public static string Apply(string text)
    {
        if (Ascii.IsValid(text)) return text.ToLowerInvariant();
        return string.Create(text.Length, text, static (dst, src) =>
        {
            src.CopyTo(dst);
            var i = 0;
            while (i < dst.Length)
            {
                if (Ascii.ToLowerInPlace(dst[i..], out var n) == System.Buffers.OperationStatus.Done) break;
                for (i += n; i < dst.Length && dst[i] >= 0x80; i++) dst[i] = Of(dst[i]);
            }
        });
    }

    // Supplementary letters (surrogate pairs) are left as they are, as char.ToLowerInvariant leaves them.
    private static char Of(char c)
    {
        if (char.IsSurrogate(c)) return c;
        var page = Volatile.Read(ref Pages[c >> 8]) ?? Load(c >> 8);
        return page[c & 0xFF];
    }

    private static char[] Load(int index)
    {
        var chars = new char[256];
        for (var i = 0; i < 256; i++) chars[i] = (char)((index << 8) | i);
        var page = new string(chars).ToLowerInvariant().ToCharArray();
        Volatile.Write(ref Pages[index], page);
        return page;
    }
}
