using Guardrail.ML.Data;

namespace Guardrail.ML.Tests.Data;

public class OlidLabelsTests
{
    private static readonly LabeledText Offensive = new("@user you are a clown", "tweeteval-offensive", Split.Train, 1, true, null);

    [Fact]
    public void Key_OlidAndTweetEvalSpellings_SameKey()
    {
        // OLID writes @USER and URL; TweetEval lower-cases the handle and keeps the URL placeholder as text.
        Assert.Equal(OlidLabels.Key("@USER @USER Go home you’re drunk!!! #MAGA URL"), OlidLabels.Key("@user @user Go home you’re drunk!!! #MAGA url"));
        Assert.NotEqual(OlidLabels.Key("@USER go home"), OlidLabels.Key("@USER stay home"));
    }

    [Fact]
    public void Find_OlidTextCutShort_JoinedByPrefix()
    {
        var olid = new Dictionary<string, OlidLabels.Labels> { [OlidLabels.Key("@USER They cite Jones being banned for violating Twitter's ToS. #Ve")] = new("OFF", "TIN", "IND") };

        var found = OlidLabels.Find(olid, OlidLabels.PrefixKeys(olid), "@user They cite Jones being banned for violating Twitter's ToS. #VerifiedHate");

        Assert.Equal(new OlidLabels.Labels("OFF", "TIN", "IND"), found);
        Assert.Null(OlidLabels.Find(olid, OlidLabels.PrefixKeys(olid), "@user They cite Smith"));
    }

    [Fact]
    public void Apply_TargetedAtIndividual_InsultOnly()
    {
        var row = OlidLabels.Apply(Offensive, new("OFF", "TIN", "IND"));

        Assert.True(row.Insult);
        Assert.Null(row.Threat);
        Assert.Null(row.Profanity);
        Assert.Equal(Split.Train, row.Split);
    }

    [Fact]
    public void Apply_Untargeted_ProfanityNotInsult()
    {
        var row = OlidLabels.Apply(Offensive, new("OFF", "UNT", "NULL"));

        Assert.True(row.Profanity);
        Assert.False(row.Insult);
        Assert.False(row.Threat);
    }

    [Fact]
    public void Apply_TargetedAtGroup_SaysNothingAboutInsult()
    {
        var row = OlidLabels.Apply(Offensive, new("OFF", "TIN", "GRP"));

        Assert.Null(row.Insult);
        Assert.Null(row.Profanity);
        Assert.True(row.Toxic);
    }

    [Fact]
    public void Apply_NotOffensive_NoCategory()
    {
        var row = OlidLabels.Apply(Offensive with { Toxic = false, Class = 0 }, new("NOT", "NULL", "NULL"));

        Assert.False(row.Insult);
        Assert.False(row.Threat);
        Assert.False(row.Profanity);
    }

    // On the real files (../shared/data, DESIGN.md §11): the join carries OLID's labels onto TweetEval's own split.
    [Fact]
    public void LoadOffensive_SharedData_JoinsSubtaskLabelsOntoTweetEvalSplit()
    {
        var root = SharedData.Root;
        if (root is null) return;
        var rows = TweetEvalLoader.LoadOffensive(root);
        var trainVal = rows.Where(r => r.Split != Split.Test).ToList();
        var test = rows.Where(r => r.Split == Split.Test).ToList();

        Assert.Equal(11_916 + 1_324, trainVal.Count);
        Assert.Equal(860, test.Count);
        // SOURCE.txt: OFF/TIN/IND 2,407 and OFF/UNT 524 in the 13,240 tweets; the join (exact, or by prefix where this OLID
        // copy cut a tweet short) finds 13,027 of them: 2,383 insults and 506 untargeted.
        Assert.Equal(2_383, trainVal.Count(r => r.Insult == true));
        Assert.Equal(506, trainVal.Count(r => r.Profanity == true));
        // Every joined row agrees with TweetEval's own offensive label.
        Assert.All(trainVal.Where(r => r.Insult == true || r.Profanity == true), r => Assert.True(r.Toxic));
        Assert.All(trainVal.Where(r => r.Toxic == false), r => Assert.False(r.Insult));
        // OLID's test B/C labels are not in the data folder: no test row is a labelled insult or profanity.
        Assert.DoesNotContain(test, r => r.Insult == true || r.Profanity == true);
        Assert.Equal(11_916, rows.Count(r => r.Split == Split.Train));
    }
}

/// <summary>The shared data folder beside the repository (<c>../shared/data</c>), or null on a machine without it.</summary>
internal static class SharedData
{
    public static string? Root { get; } = Find();

    private static string? Find()
    {
        var repo = Path.GetDirectoryName(ShippedModelTests.ModelsDir())!;
        var dir = Path.GetFullPath(Path.Combine(repo, "..", "shared", "data"));
        return Directory.Exists(Path.Combine(dir, "toxicity")) ? dir : null;
    }
}
