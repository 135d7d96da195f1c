using Guardrail.ML.Data;

namespace Guardrail.ML.Tests.Grounding;

public sealed class ChinesePairsTests
{
    private const string Pair = """{"id": "x-1", "claim": "新楼将于2024年3月启用。", "source": "新建的门诊楼将于2024年3月正式启用。", "supported": true, "kind": "restate"}""";

    [Fact]
    public void Load_FilesByName_SplitByFileAndOtherFilesIgnored()
    {
        var dir = Directory.CreateTempSubdirectory("zh-pairs-").FullName;
        File.WriteAllLines(Path.Combine(dir, "train-a.jsonl"), [Pair, Pair.Replace("x-1", "x-2").Replace("true", "false").Replace("restate", "wrong-value")]);
        File.WriteAllLines(Path.Combine(dir, "dev.jsonl"), [Pair.Replace("x-1", "d-1")]);
        File.WriteAllLines(Path.Combine(dir, "test.jsonl"), [Pair.Replace("x-1", "t-1")]);
        File.WriteAllLines(Path.Combine(dir, "notes.jsonl"), [Pair.Replace("x-1", "n-1")]);

        var pairs = ChinesePairs.Load(dir);

        Assert.Equal(["d-1", "t-1", "x-1", "x-2"], pairs.Select(p => p.Group));
        Assert.Equal([Split.Dev, Split.Test, Split.Train, Split.Train], pairs.Select(p => p.Split));
        Assert.Equal([true, true, true, false], pairs.Select(p => p.Supported));
        Assert.Equal("wrong-value", pairs[3].Kind);
        Assert.All(pairs, p => Assert.Equal(ChinesePairs.Set, p.Set));
    }

    [Theory]
    [InlineData("""{"id": "x-1", "claim": "新楼启用。", "source": "新楼启用。"}""")]
    [InlineData("""{"id": "x-1", "claim": "", "source": "新楼启用。", "supported": true}""")]
    [InlineData("""{"id": "x-1", "claim": "新楼启用。", "source": "新楼启用。", "supported": "yes"}""")]
    public void Load_PairWithoutClaimSourceOrLabel_FormatExceptionNamingTheLine(string bad)
    {
        var dir = Directory.CreateTempSubdirectory("zh-pairs-").FullName;
        File.WriteAllLines(Path.Combine(dir, "dev.jsonl"), [Pair, bad]);

        var e = Assert.Throws<FormatException>(() => ChinesePairs.Load(dir));

        Assert.Contains("dev.jsonl: pair 2", e.Message);
    }

    [Fact]
    public void Load_MissingFolder_DirectoryNotFoundNamingIt()
    {
        var e = Assert.Throws<DirectoryNotFoundException>(() => ChinesePairs.Load("/no/such/zh-pairs"));

        Assert.Contains("/no/such/zh-pairs", e.Message);
    }

    [Fact]
    public void Load_ShippedPairs_EachKindOnItsSideAndTestHeldOut()
    {
        var pairs = ChinesePairs.Load(Path.Combine(ShippedModelTests.RepoRoot(), ChinesePairs.DefaultDirectory));

        Assert.Contains(pairs, p => p.Split == Split.Train);
        Assert.Contains(pairs, p => p.Split == Split.Dev);
        Assert.Contains(pairs, p => p.Split == Split.Test);
        Assert.All(pairs, p => Assert.Equal(p.Kind is "restate" or "paraphrase", p.Supported));
        Assert.Equal(pairs.Count, pairs.Select(p => p.Group).Distinct().Count());
    }

    [Fact]
    public void ForSupportModel_SupportedPairs_OneMismatchedNegativeEachFromTheSameSplit()
    {
        var pairs = Enumerable.Range(0, 5).Select(i => new SupportPair(ChinesePairs.Set, $"t-{i}", Split.Train, $"claim {i}", $"source {i}", i < 4, $"claim {i}") { Kind = i < 4 ? "restate" : "wrong-value" })
            .Append(new SupportPair(ChinesePairs.Set, "d-0", Split.Dev, "claim d", "source d", true, "claim d") { Kind = "restate" })
            .ToList();

        var rows = ChinesePairs.ForSupportModel(pairs);

        var mismatched = rows.Where(r => r.Kind == "mismatched").ToList();
        Assert.Equal(pairs.Count + 4, rows.Count); // the dev split has one supported pair: nothing to mismatch it with
        Assert.Equal(4, mismatched.Count);
        Assert.All(mismatched, m =>
        {
            Assert.False(m.Supported);
            Assert.Equal(Split.Train, m.Split);
            Assert.NotEqual(m.Claim.Replace("claim", "source"), m.Source);
            Assert.StartsWith("source ", m.Source);
        });
        Assert.Equal(4, mismatched.Select(m => m.Source).Distinct().Count());
    }
}
