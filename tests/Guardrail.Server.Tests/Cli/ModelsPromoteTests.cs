using System.Text.Json.Nodes;
using Guardrail.Server.Cli;
using Guardrail.Testing;

namespace Guardrail.Server.Tests.Cli;

/// <summary>
/// <c>guardrail models promote</c> on copies of the shipped models and the shared data: a candidate worse on a held-out
/// set is refused with the comparison, one that is not worse anywhere replaces the current files.
/// </summary>
public sealed class ModelsPromoteTests
{
    private static readonly string Data = Path.Combine(RepoPaths.Root, "..", "shared", "data");
    private static readonly string Suite = Path.Combine(RepoPaths.Root, "eval", "toxicity-functional");

    private static string CopyOfShippedModels()
    {
        var dir = Directory.CreateTempSubdirectory("promote-models-").FullName;
        foreach (var file in Directory.GetFiles(RepoPaths.Models)) File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
        return dir;
    }

    private static string Candidate(Action<JsonObject>? change = null)
    {
        var dir = Directory.CreateTempSubdirectory("promote-candidate-").FullName;
        foreach (var file in Directory.GetFiles(RepoPaths.Models, "*.zip").Where(f => !Path.GetFileName(f).StartsWith("attacks", StringComparison.Ordinal) && !Path.GetFileName(f).StartsWith("grounding", StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
        }
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Models, "toxicity.json")))!.AsObject();
        change?.Invoke(manifest);
        File.WriteAllText(Path.Combine(dir, "toxicity.json"), manifest.ToJsonString());
        return dir;
    }

    [Fact]
    public void Promote_WorseOnAHeldOutSet_RefusedWithTheComparisonAndNothingCopied()
    {
        var models = CopyOfShippedModels();
        var before = File.ReadAllText(Path.Combine(models, "toxicity.json"));
        // The English umbrella model's flag point moved far up: recall on OLID falls.
        var candidate = Candidate(m =>
        {
            var toxicity = m["models"]!.AsArray().Single(x => (string?)x!["name"] == "toxicity-en")!;
            toxicity["threshold"] = 0.97;
            m["version"] = "toxicity@candidate-worse";
        });
        var stdout = new StringWriter();

        var code = ModelsCommand.Promote(candidate, models, Data, Suite, RepoPaths.Rules, stdout, new StringWriter());

        Assert.Equal(1, code);
        Assert.Matches(@"\| TweetEval-offensive / OLID \(test\), toxicity-en, recall \(positive class\) @flag \| [0-9.]+ \| [0-9.]+ \| -[0-9.]+ \| worse \|", stdout.ToString());
        Assert.Contains("refused: the candidate is worse on", stdout.ToString());
        Assert.Equal(before, File.ReadAllText(Path.Combine(models, "toxicity.json")));
    }

    [Fact]
    public void Promote_NotWorseAnywhere_CopiedIn()
    {
        var models = CopyOfShippedModels();
        var candidate = Candidate(m => m["version"] = "toxicity@candidate-same");
        var stdout = new StringWriter();

        var code = ModelsCommand.Promote(candidate, models, Data, Suite, RepoPaths.Rules, stdout, new StringWriter());

        Assert.Equal(0, code);
        Assert.Contains("promoted toxicity@candidate-same", stdout.ToString());
        Assert.DoesNotContain("| worse |", stdout.ToString());
        Assert.Equal("toxicity@candidate-same", (string?)JsonNode.Parse(File.ReadAllText(Path.Combine(models, "toxicity.json")))!["version"]);
        Assert.True(File.Exists(Path.Combine(models, "grounding.json")));
    }

    private static string AttackCandidate(Action<JsonObject> change)
    {
        var dir = Directory.CreateTempSubdirectory("promote-attacks-").FullName;
        foreach (var file in Directory.GetFiles(RepoPaths.Models, "attacks*")) File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "attacks.json")))!.AsObject();
        change(manifest);
        File.WriteAllText(Path.Combine(dir, "attacks.json"), manifest.ToJsonString());
        return dir;
    }

    [Fact]
    public void PromoteAttacks_FlagPointRaised_RefusedOnDetection()
    {
        var models = CopyOfShippedModels();
        var candidate = AttackCandidate(m =>
        {
            foreach (var entry in m["models"]!.AsArray()) entry!["threshold"] = 0.99;
            m["version"] = "attacks@candidate-worse";
        });
        var stdout = new StringWriter();

        var code = ModelsCommand.PromoteAttacks(candidate, models, Data, Path.Combine(RepoPaths.Root, "data", "attacks"), stdout, new StringWriter());

        Assert.Equal(1, code);
        Assert.Matches(@"direct injection \(deepset, held-out by text hash\) \(all\), detection @flag \| [0-9.]+ \| [0-9.]+ \| -[0-9.]+ \| worse", stdout.ToString());
    }

    [Fact]
    public void PromoteAttacks_Unchanged_CopiedIn()
    {
        var models = CopyOfShippedModels();
        var candidate = AttackCandidate(m => m["version"] = "attacks@candidate-same");
        var stdout = new StringWriter();

        var code = ModelsCommand.PromoteAttacks(candidate, models, Data, Path.Combine(RepoPaths.Root, "data", "attacks"), stdout, new StringWriter());

        Assert.Equal(0, code);
        Assert.Equal("attacks@candidate-same", (string?)JsonNode.Parse(File.ReadAllText(Path.Combine(models, "attacks.json")))!["version"]);
    }

    [Fact]
    public void Promote_CandidateWithoutManifest_Exit2()
    {
        var stderr = new StringWriter();

        Assert.Equal(2, ModelsCommand.Promote(Directory.CreateTempSubdirectory("empty-").FullName, RepoPaths.Models, Data, null, RepoPaths.Rules, new StringWriter(), stderr));
        Assert.Contains("has no toxicity.json", stderr.ToString());
    }
}
