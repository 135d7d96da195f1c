using Guardrail.ML.Data;

namespace Guardrail.ML.Tests.Data;

public class SupplementLoaderTests
{
    [Theory]
    [InlineData("en")]
    [InlineData("zh")]
    public void Load_EmbeddedSupplement_HundredsPerGroupAndEveryTemplateOnOneSplit(string language)
    {
        var rows = SupplementLoader.Load(language);

        Assert.All(rows, r => Assert.Equal(SupplementLoader.Source, r.Source));
        foreach (var functionality in new[] { "identity", "counter-speech", "negated-hate", "negated-praise", "dehumanising", "threat-group" })
        {
            Assert.True(rows.Count(r => r.Functionality == functionality) >= 180, functionality);
        }
        Assert.True(rows.Count(r => r.Functionality!.StartsWith("obfuscated-", StringComparison.Ordinal)) >= 400);
        Assert.Contains(rows, r => r.Split == Split.Train);
        Assert.Contains(rows, r => r.Split == Split.Dev);
        Assert.Contains(rows, r => r.Split == Split.Test);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh")]
    public void Load_EmbeddedSupplement_LabelsFollowTheFunctionality(string language)
    {
        var rows = SupplementLoader.Load(language);

        Assert.All(rows.Where(r => r.Functionality is "threat" or "threat-group"), r => Assert.True(r.Threat));
        Assert.All(rows.Where(r => r.Functionality is "negated-praise" or "dehumanising" or "threat-group"), r => Assert.True(r.Hate));
        Assert.All(rows.Where(r => r.Functionality is "counter-speech" or "negated-hate" or "identity" or "violent-benign" or "code" or "homonym"),
            r => Assert.True(r.Toxic == false && r.Hate == false && r.Threat == false && r.Insult == false && r.Profanity == false, r.Text));
        Assert.All(rows.Where(r => r.Functionality == "profanity"), r => Assert.True(r.Profanity == true && r.Insult == false && r.Hate == false));
    }

    [Fact]
    public void Parse_UnknownLabel_Throws()
    {
        const string tsv = "class\ttemplate\ttoxicity\tinsult\thate\tthreat\tprofanity\ttext\nthreat\tt-1\t1\t-\t0\tyes\t0\tI will hurt you.\n";

        Assert.Throws<InvalidDataException>(() => SupplementLoader.Parse(new StringReader(tsv)));
    }

    [Fact]
    public void Parse_TemplateDecidesSplit_RowsOfOneTemplateTogether()
    {
        const string tsv = "class\ttemplate\ttoxicity\tinsult\thate\tthreat\tprofanity\ttext\n"
            + "threat\tt-7\t1\t-\t0\t1\t-\tI will hurt you.\n"
            + "threat\tt-7\t1\t-\t0\t1\t-\tI will hurt you, Tom.\n";

        var rows = SupplementLoader.Parse(new StringReader(tsv));

        Assert.Equal(2, rows.Count);
        Assert.Equal(HashSplit.Of("t-7", 70, 15), rows[0].Split);
        Assert.Equal(rows[0].Split, rows[1].Split);
        Assert.Null(rows[0].Insult);
        Assert.True(rows[0].Threat);
    }
}
