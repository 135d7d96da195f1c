using Guardrail.Server.Cli;

namespace Guardrail.Server.Tests.Cli;

public sealed class ModelCommandsTests
{
    [Theory]
    [InlineData("train", "grounding", "--data", "d", "--out", "o")]
    [InlineData("eval", "grounding", "--data", "d", "--models", "m")]
    [InlineData("train", "toxicity", "--data", "d")]
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
}
