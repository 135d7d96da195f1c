using Guardrail.Text;

namespace Guardrail.Core.Tests.Text;

internal static class DeobfuscationTestHelpers
{
    /// <summary>The original text behind the first occurrence of <paramref name="form"/> in the deobfuscated text.</summary>
    public static string OriginalOf(string text, string form)
    {
        var n = NormalizedText.CreateDeobfuscated(text);
        var at = n.Folded.IndexOf(form, StringComparison.Ordinal);
        Assert.True(at >= 0, $"\"{form}\" not in \"{n.Folded}\"");
        var (start, end) = n.ToOriginal(at, at + form.Length);
        return text[start..end];
    }
}
