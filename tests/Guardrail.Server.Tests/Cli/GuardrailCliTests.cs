using Guardrail.Server.Cli;

namespace Guardrail.Server.Tests.Cli;

public sealed class GuardrailCliTests
{
    [Theory]
    [InlineData("rules", "frobnicate")]
    [InlineData("check", "--no-such-option")]
    [InlineData("eval", "notamodel")]
    public async Task RunAsync_UsageError_Exit2WithOneLine(params string[] args)
    {
        var error = new StringWriter();
        Assert.Equal(2, await GuardrailCli.RunAsync(args, error: error));
        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("guardrail: ", Assert.Single(lines));
    }
}
