using Guardrail.ML.Data;

namespace Guardrail.ML.Tests;

public class DataTests
{
    [Fact]
    public void DavidsonParse_QuotedFieldsWithCommasQuotesAndNewlines_ReadsEveryRow()
    {
        const string csv = ",count,hate_speech,offensive_language,neither,class,tweet\n"
            + "0,3,0,0,3,2,plain tweet\n"
            + "1,3,0,3,0,1,\"a, b \"\"quoted\"\"\nsecond line\"\n"
            + "2,3,2,1,0,0,\"RT @someone: last &amp; final\"\n";

        var rows = DavidsonLoader.Parse(new StringReader(csv));

        Assert.Equal(3, rows.Count);
        Assert.Equal("plain tweet", rows[0].Text);
        Assert.Equal("a, b \"quoted\"\nsecond line", rows[1].Text);
        Assert.Equal(1, rows[1].Class);
        Assert.True(rows[1].Toxic);
        Assert.False(rows[1].Hate);
        Assert.Equal("@user: last & final", rows[2].Text);
        Assert.True(rows[2].Hate);
        Assert.False(rows[0].Toxic);
    }

    [Fact]
    public void HashSplit_SameText_SameSplitAndFixedBucket()
    {
        Assert.Equal(HashSplit.Of("hello world", 70, 15), HashSplit.Of(new string("hello world".ToCharArray()), 70, 15));
        // Pinned: a changed bucket would silently move examples between train and test.
        Assert.Equal(HashSplit.Hash("hello world") % 100, (ulong)HashSplit.Bucket("hello world"));
    }

    [Fact]
    public void HashSplit_ManyTexts_RoughlySeventyFifteenFifteen()
    {
        var splits = Enumerable.Range(0, 20000).Select(i => HashSplit.Of("text " + i, 70, 15)).ToList();
        Assert.InRange(splits.Count(s => s == Split.Train) / 20000.0, 0.67, 0.73);
        Assert.InRange(splits.Count(s => s == Split.Test) / 20000.0, 0.13, 0.17);
    }
}
