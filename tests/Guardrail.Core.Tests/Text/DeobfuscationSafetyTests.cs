using System.Diagnostics;
using System.Text;
using Guardrail.Text;

namespace Guardrail.Core.Tests.Text;

public sealed class DeobfuscationSafetyTests
{
    public static TheoryData<string> CleanTexts =>
    [
        "In 2026 prices rose 3.14% to $1,299.99 (US$5 more).",
        "Meet on 2026-01-05 at 10:30, or 05/01/2026; call 1-800-555-0199.",
        "Upgrade from v1.2.3 to 1.3.5 and 10.0.1.",
        "Mail bob.smith@example.com or @john on chat.",
        "See https://www.example.com/a/b/c?id=1337&x=y and www.zzz.com.",
        "I am a cat. Is it a or b? U and I.",
        "This class will assess the Scunthorpe bass.",
        "He finished 1st, she 2nd, I 3rd; the 10th and 21st.",
        "Use mp3, 4k, 5g, gpt4, ipv4, x86, sha256, b2b, win10.",
        "i18n, l10n and a11y matter.",
        "Henry VIII and Part III.",
        "Wait... what? Really?",
        "**Bold** and *italic*, C# and F#, 2*3=6, a**b, #hashtag, 50%.",
        "e.g. this, i.e. that, a.m. and p.m.",
        "Tell sb about it; NC is a state.",
        "巴黎是法国的首都。它很美！对吗？",
        "我累了，用sbx工具。",
        "The quick brown fox jumps over the lazy dog.",
    ];

    [Theory]
    [MemberData(nameof(CleanTexts))]
    public void CreateDeobfuscated_CleanText_SameAsPlainFold(string text)
    {
        Assert.Equal(NormalizedText.Create(text).Folded, NormalizedText.CreateDeobfuscated(text).Folded);
    }

    [Fact]
    public void CreateDeobfuscated_SleepyZzzInChinese_CollapsedButNotSlang()
    {
        Assert.Equal("我困了zz", NormalizedText.CreateDeobfuscated("我困了zzz").Folded);
    }

    [Theory]
    [InlineData("you 1d10t, i.d.i.o.t, f*ck, stuuuupid, 你个sb, 草泥马")]
    [InlineData("$hit and sh!t and n****r and 卧槽")]
    public void CreateDeobfuscated_AlreadyDeobfuscated_Unchanged(string text)
    {
        var once = NormalizedText.CreateDeobfuscated(text).Folded;
        Assert.Equal(once, NormalizedText.CreateDeobfuscated(once).Folded);
    }

    [Fact]
    public void ToOriginal_EveryCharacter_MapsInOrderWithinText()
    {
        const string text = "Ｙou 1d10t! i.d.i.o.t f**k stuuuupid 你个sb 草泥马 ﬁne \u200Bok";
        var n = NormalizedText.CreateDeobfuscated(text);
        var previous = (Start: 0, End: 0);
        for (var i = 0; i < n.Folded.Length; i++)
        {
            var span = n.ToOriginal(i, i + 1);
            Assert.InRange(span.Start, previous.Start, span.End - 1);
            Assert.InRange(span.End, previous.End, text.Length);
            previous = span;
        }
        Assert.Equal((0, text.Length), n.ToOriginal(0, n.Folded.Length));
    }

    [Fact]
    public void CreateDeobfuscated_OneMegabyte_WellUnderASecond()
    {
        var sb = new StringBuilder();
        while (sb.Length < 1 << 20)
        {
            sb.Append("The model said you 1d10t, i.d.i.o.t and f*ck, see https://example.com/x. 你个sb，草泥马！ Priced $12.50 in 2026. ");
        }
        var text = sb.ToString();
        NormalizedText.CreateDeobfuscated(text[..1000]); // load the tables outside the measurement

        var watch = Stopwatch.StartNew();
        var n = NormalizedText.CreateDeobfuscated(text);
        watch.Stop();

        Assert.Contains("you idiot, idiot and fuck", n.Folded, StringComparison.Ordinal);
        // A bound on runaway work, not a speed claim (speed is measured in bench/): generous for a loaded 2-core CI machine.
        Assert.True(watch.ElapsedMilliseconds < 5000, $"took {watch.ElapsedMilliseconds} ms");
    }
}
