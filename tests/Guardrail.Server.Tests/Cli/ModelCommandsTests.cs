using Guardrail.Server.Cli;

namespace Guardrail.Server.Tests.Cli;

public sealed class ModelCommandsTests
{
    [Theory]
    [InlineData("train", "grounding", "--data", "d", "--out", "o")]
    [InlineData("eval", "grounding", "--data", "d", "--models", "m")]
    [InlineData("train", "toxicity", "--data", "d")]
    [InlineData("train", "attacks", "--data", "d", "--out", "o", "--force")]
    [InlineData("eval", "attacks", "--data", "d", "--models", "m", "--team-data", "t")]
    public void Parse_KnownModel_NoErrors(params string[] args)
    {
        Assert.Empty(GuardrailCli.Create().Parse(args).Errors);
    }

    [Theory]
    [InlineData("train")]
    [InlineData("eval")]
    public async Task RunAsync_GroundingWithMissingDataFolder_Exit2(string command)
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-data-" + Guid.NewGuid().ToString("N"));

        Assert.Equal(2, await GuardrailCli.RunAsync([command, "grounding", "--data", missing]));
    }

    [Fact]
    public async Task RunAsync_EvalGroundingWithoutModel_Exit2()
    {
        var data = Directory.CreateTempSubdirectory("grounding-data-").FullName;
        var models = Directory.CreateTempSubdirectory("grounding-models-").FullName;

        Assert.Equal(2, await GuardrailCli.RunAsync(["eval", "grounding", "--data", data, "--models", models]));
    }

    [Fact]
    public async Task RunAsync_TrainUnknownModel_Exit2WithOneLine()
    {
        var error = new StringWriter();

        Assert.Equal(2, await GuardrailCli.RunAsync(["train", "summaries", "--data", "."], error: error));
        Assert.Contains("expected one of: toxicity, grounding", Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Theory]
    [InlineData("toxicity", "toxicity.json")]
    [InlineData("grounding", "grounding.zip")]
    [InlineData("attacks", "attacks.json")]
    [InlineData("attacks", "attacks-prompt.zip")]
    public async Task RunAsync_TrainIntoFolderWithModels_Exit1WithoutForceFilesKept(string model, string file)
    {
        var output = Directory.CreateTempSubdirectory("trained-").FullName;
        File.WriteAllText(Path.Combine(output, file), "shipped");
        var data = Directory.CreateTempSubdirectory("train-data-").FullName;
        var error = new StringWriter();

        Assert.Equal(1, await GuardrailCli.RunAsync(["train", model, "--data", data, "--out", output], error: error));
        var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"guardrail train: '{output}' already holds {file}; pass --force to overwrite, or --out another folder", line.Trim());
        Assert.Equal("shipped", File.ReadAllText(Path.Combine(output, file)));
        Assert.Single(Directory.GetFiles(output));
    }

    [Fact]
    public async Task RunAsync_TrainWithForce_GetsPastTheOverwriteCheck()
    {
        // With --force the next check answers: the missing data folder (so no training runs in the test).
        var output = Directory.CreateTempSubdirectory("trained-").FullName;
        File.WriteAllText(Path.Combine(output, "toxicity.json"), "shipped");
        var missing = Path.Combine(Path.GetTempPath(), "no-such-data-" + Guid.NewGuid().ToString("N"));
        var error = new StringWriter();

        Assert.Equal(2, await GuardrailCli.RunAsync(["train", "toxicity", "--data", missing, "--out", output, "--force"], error: error));
        Assert.Contains($"data folder '{missing}' does not exist", error.ToString());
    }

    [Fact]
    public async Task RunAsync_EvalToxicityWithMissingSuite_Exit2BeforeScoring()
    {
        // A toxicity.json that is no manifest: the suite check must answer before any model is loaded.
        var (data, models) = (Directory.CreateTempSubdirectory("eval-data-").FullName, Directory.CreateTempSubdirectory("eval-models-").FullName);
        File.WriteAllText(Path.Combine(models, "toxicity.json"), "not read");
        var missing = Path.Combine(Path.GetTempPath(), "no-suite-" + Guid.NewGuid().ToString("N"));
        var error = new StringWriter();

        Assert.Equal(2, await GuardrailCli.RunAsync(["eval", "toxicity", "--data", data, "--models", models, "--suite", missing], error: error));
        Assert.Equal($"guardrail eval: functional suite folder '{missing}' does not exist; pass --suite DIR", error.ToString().Trim());
    }

    [Fact]
    public async Task RunAsync_EvalGroundingWithMissingSuite_Exit2BeforeScoring()
    {
        // The shipped support model loads; the suite check answers before the data tables are computed.
        var data = Directory.CreateTempSubdirectory("eval-data-").FullName;
        var missing = Path.Combine(Path.GetTempPath(), "no-suite-" + Guid.NewGuid().ToString("N"));
        var error = new StringWriter();

        Assert.Equal(2, await GuardrailCli.RunAsync(["eval", "grounding", "--data", data, "--models", Guardrail.Testing.RepoPaths.Models, "--suite", missing], error: error));
        Assert.Equal($"guardrail eval: functional suite folder '{missing}' does not exist; pass --suite DIR", error.ToString().Trim());
    }

    [Fact]
    public async Task RunAsync_EvalGroundingMalformedSuite_Exit2NamesTheLine()
    {
        var data = Directory.CreateTempSubdirectory("eval-data-").FullName;
        var suite = Directory.CreateTempSubdirectory("grounding-suite-").FullName;
        File.WriteAllText(Path.Combine(suite, "en.jsonl"), "{\"id\":\"en-x-01\",\"kind\":\"no-such-kind\",\"answer\":\"A [1].\",\"sources\":[{\"id\":\"1\",\"text\":\"A.\"}],\"expect\":\"supported\"}\n");
        var error = new StringWriter();

        Assert.Equal(2, await GuardrailCli.RunAsync(["eval", "grounding", "--data", data, "--models", Guardrail.Testing.RepoPaths.Models, "--suite", suite], error: error));
        Assert.Contains("en.jsonl:1: unknown kind 'no-such-kind'", error.ToString());
    }

    [Fact]
    public async Task RunAsync_EvalToxicityNoSuiteBesideModels_Exit2NamesWhereItLooked()
    {
        var (data, models) = (Directory.CreateTempSubdirectory("eval-data-").FullName, Directory.CreateTempSubdirectory("eval-models-").FullName);
        File.WriteAllText(Path.Combine(models, "toxicity.json"), "not read");
        var error = new StringWriter();

        Assert.Equal(2, await GuardrailCli.RunAsync(["eval", "toxicity", "--data", data, "--models", models], error: error));
        Assert.Contains($"no eval/toxicity-functional beside '{models}' or under the current directory; pass --suite DIR", error.ToString());
    }

    [Fact]
    public async Task RunAsync_EvalToxicityMalformedSuite_Exit2WithFileAndLine()
    {
        var (data, models, suite) = (Directory.CreateTempSubdirectory("eval-data-").FullName, Directory.CreateTempSubdirectory("eval-models-").FullName, Directory.CreateTempSubdirectory("eval-suite-").FullName);
        File.WriteAllText(Path.Combine(models, "toxicity.json"), "not read");
        File.WriteAllText(Path.Combine(suite, "en.tsv"), "id\ttext\n");
        var error = new StringWriter();

        Assert.Equal(2, await GuardrailCli.RunAsync(["eval", "toxicity", "--data", data, "--models", models, "--suite", suite], error: error));
        Assert.Contains("en.tsv:1: header must be", error.ToString());
    }

    [Fact]
    public async Task RunAsync_EvalAttacksWithoutModel_Exit2()
    {
        var data = Directory.CreateTempSubdirectory("attack-data-").FullName;
        var models = Directory.CreateTempSubdirectory("attack-models-").FullName;
        var error = new StringWriter();

        Assert.Equal(2, await GuardrailCli.RunAsync(["eval", "attacks", "--data", data, "--models", models], error: error));
        Assert.Contains("has no attacks.json", error.ToString());
    }
}
