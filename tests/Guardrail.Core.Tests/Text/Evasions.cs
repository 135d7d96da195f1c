using System.Text;

namespace Guardrail.Core.Tests.Text;

/// <summary>
/// The look-alike classes of the evasion corpus, each a rewrite of a value the way a filter evader would write it.
/// A class returns null when it has nothing to change in the value (no digits to swap, no dashes...). Also linked
/// into Guardrail.ML.Tests for the toxicity cases.
/// </summary>
public static class Evasions
{
    /// <summary>Every class by name.</summary>
    public static readonly IReadOnlyDictionary<string, Func<string, string?>> Classes = new Dictionary<string, Func<string, string?>>
    {
        ["full-width"] = v => Map(v, c => c is > ' ' and <= '~' ? ((char)(c + 0xFEE0)).ToString() : c == ' ' ? "\u3000" : null),
        ["zero-width"] = v => Between(v, "\u200B", "\u200C", "\u200D", "\u2060"),
        ["soft-hyphen-and-bidi"] = v => Between(v, "\u00AD", "\u200E", "\u202C"),
        ["variation-selectors"] = v => Between(v, "\uFE0F", "\U000E0100", "\uFE00"),
        ["tag-characters"] = v => Between(v, "\U000E0041", "\U000E0020", "\U000E007F"),
        ["grapheme-joiner"] = v => Between(v, "\u034F"),
        ["unicode-dashes"] = v => Cycle(v, '-', "\u2013", "\u2212", "\u2011", "\u2010", "\uFE63"),
        ["unicode-spaces"] = v => Cycle(v, ' ', "\u00A0", "\u2009", "\u202F", "\u3000", "\u2007"),
        ["arabic-indic-digits"] = v => Map(v, c => char.IsAsciiDigit(c) ? ((char)(0x0660 + c - '0')).ToString() : null),
        ["devanagari-digits"] = v => Map(v, c => char.IsAsciiDigit(c) ? ((char)(0x0966 + c - '0')).ToString() : null),
        ["full-width-digits"] = v => Map(v, c => char.IsAsciiDigit(c) ? ((char)(0xFF10 + c - '0')).ToString() : null),
        ["math-bold"] = v => Map(v, c => c switch
        {
            >= '0' and <= '9' => char.ConvertFromUtf32(0x1D7CE + c - '0'),
            >= 'a' and <= 'z' => char.ConvertFromUtf32(0x1D41A + c - 'a'),
            >= 'A' and <= 'Z' => char.ConvertFromUtf32(0x1D400 + c - 'A'),
            _ => null,
        }),
        ["cyrillic-homoglyphs"] = v => EveryOther(v, "aаcсeеoоpрxхyуsѕiіjјhһAАBВCСEЕHНIІKКMМOОPРSЅTТXХYУ"),
        ["greek-homoglyphs"] = v => EveryOther(v, "oοiιvνuυAΑBΒEΕHΗIΙKΚMΜNΝOΟPΡTΤXΧYΥZΖ"),
        ["small-capitals"] = v => Map(v, c => c is >= 'a' and <= 'z' && SmallCapitals[c - 'a'] != '?' ? SmallCapitals[c - 'a'].ToString() : null),
        ["zalgo"] = v => Map(v, c => char.IsAsciiLetterOrDigit(c) ? c + "\u0336\u0317" : null),
    };

    private const string SmallCapitals = "ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘꞯʀꜱᴛᴜᴠᴡ?ʏᴢ";

    /// <summary>Every class applied to <paramref name="value"/>, for the ones that change it.</summary>
    public static IEnumerable<(string Class, string Evaded)> Apply(string value) =>
        Classes.Select(c => (c.Key, Evaded: c.Value(value))).Where(e => e.Evaded is not null && e.Evaded != value).Select(e => (e.Key, e.Evaded!));

    private static string? Map(string value, Func<char, string?> map)
    {
        var sb = new StringBuilder();
        var changed = false;
        foreach (var c in value)
        {
            var m = map(c);
            changed |= m is not null;
            sb.Append(m ?? c.ToString());
        }
        return changed ? sb.ToString() : null;
    }

    // Invisible characters between the characters of the value (never at its edges, so the span is the value).
    private static string Between(string value, params string[] fillers)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            sb.Append(value[i]);
            if (i + 1 < value.Length && !char.IsHighSurrogate(value[i])) sb.Append(fillers[i % fillers.Length]);
        }
        return sb.ToString();
    }

    private static string? Cycle(string value, char target, params string[] replacements)
    {
        var k = 0;
        return Map(value, c => c == target ? replacements[k++ % replacements.Length] : null);
    }

    // Every other replaceable letter, so words keep some Latin letters, as real homoglyph attacks do.
    private static string? EveryOther(string value, string pairs)
    {
        var k = 0;
        return Map(value, c =>
        {
            var at = pairs.IndexOf(c);
            if (at < 0 || at % 2 != 0 || k++ % 2 != 0) return null;
            return pairs[at + 1].ToString();
        });
    }
}
