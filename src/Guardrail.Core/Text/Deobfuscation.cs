using System.Reflection;

namespace Guardrail.Text;

/// <summary>
/// Undoes filter evasions on folded text in one left-to-right pass: spelled-out words, masked profanity,
/// Chinese slang, leetspeak and letter runs. Each step is conservative: it changes a token only when the
/// token cannot be an ordinary word, number, version, URL or e-mail address.
/// </summary>
internal static class Deobfuscation
{
    /// <summary>
    /// Deobfuscates <paramref name="plain"/>'s folded text, returning <paramref name="plain"/> itself when nothing
    /// changes. <paramref name="assumeChinese"/> reads pinyin abbreviations as Chinese slang without Chinese
    /// text nearby: keywords are written alone, and a rule listing "sb" means the insult.
    /// </summary>
    public static NormalizedText Apply(NormalizedText plain, bool assumeChinese = false)
    {
        var walk = new DeobfuscationWalk(plain.Folded, assumeChinese);
        walk.Run();
        return walk.Output.ToText(plain);
    }

    /// <summary>The non-empty, non-comment lines of embedded table <paramref name="name"/> under <c>Text/Data</c>.</summary>
    internal static IEnumerable<string> ReadTable(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Guardrail.Text.Data." + name)
            ?? throw new InvalidOperationException($"Embedded table {name} is missing.");
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            line = line.Trim();
            if (line.Length > 0 && line[0] != '#') lines.Add(line);
        }
        return lines;
    }
}
