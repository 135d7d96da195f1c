using Guardrail.ML.Runtime;

namespace Guardrail.ML.Tests.Runtime;

public sealed class SentenceWindowsTests
{
    private static string Words(int n) => string.Join(' ', Enumerable.Range(0, n).Select(i => $"w{i}"));

    [Theory]
    [InlineData("")]
    [InlineData("A short sentence of seven words here.")]
    public void Windows_NoLongerThanOneWindow_None(string sentence) => Assert.Empty(SentenceWindows.Windows(sentence, 24, 12));

    [Fact]
    public void Windows_LongSentence_OverlappingAndCoverEveryWord()
    {
        var sentence = Words(100);
        var windows = SentenceWindows.Windows(sentence, 24, 12);

        Assert.All(windows, w => Assert.Equal(24, sentence[w].Split(' ').Length)); // no clause boundary: every window is whole
        for (var i = 0; i < 100; i++) Assert.Contains(windows, w => sentence[w].Split(' ').Contains($"w{i}"));
        Assert.EndsWith("w99", sentence[windows[^1]]);
    }

    [Fact]
    public void Windows_ClauseBoundaries_WindowsStartAndEndThere()
    {
        // Clauses of 8 words: windows of at most 24 words take whole clauses, not cuts through them.
        var clauses = Enumerable.Range(0, 8).Select(c => string.Join(' ', Enumerable.Range(0, 8).Select(i => $"c{c}w{i}")));
        var sentence = string.Join(", ", clauses);
        var windows = SentenceWindows.Windows(sentence, 24, 12);

        Assert.NotEmpty(windows);
        Assert.All(windows, w => Assert.Matches(@"^c\dw0 .* c\dw7$", sentence[w]));
    }

    [Fact]
    public void Windows_ConjunctionStartsAClause()
    {
        var sentence = Words(20) + " and " + Words(20).Replace("w", "v");
        var windows = SentenceWindows.Windows(sentence, 24, 12);

        Assert.Contains(windows, w => sentence[w].StartsWith("and ", StringComparison.Ordinal));
    }

    [Fact]
    public void Windows_Chinese_CountCharacters()
    {
        var sentence = string.Concat(Enumerable.Repeat("今天的会议改到下午三点", 30)); // 330 characters, no punctuation
        var windows = SentenceWindows.Windows(sentence, 120, 60);

        Assert.All(windows, w => Assert.Equal(120, sentence[w].Length));
        Assert.Equal(sentence.Length, windows[^1].End.Value);
    }

    [Theory]
    [InlineData(", ")]
    [InlineData(" ")]
    public void Windows_AnyPunctuation_CountBounded(string joiner)
    {
        // Adversarial punctuation (a clause boundary after every word) cannot multiply the prediction calls.
        var sentence = string.Join(joiner, Enumerable.Range(0, 2000).Select(i => $"w{i}"));
        var windows = SentenceWindows.Windows(sentence, 24, 12);

        Assert.InRange(windows.Count, 2000 / 24, 2 * 2000 / 12 + 1);
    }
}
