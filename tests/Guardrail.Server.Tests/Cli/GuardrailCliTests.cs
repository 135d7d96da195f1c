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

    // Every command: the bad token is named with the near miss, or with the valid choices when none is near.
    [Theory]
    [InlineData("'--upstrem' in 'serve'; did you mean '--upstream'?", "serve", "--upstrem", "http://127.0.0.1:9")]
    [InlineData("'--upstrem' in 'serve'; did you mean '--upstream'?", "serve", "--upstrem=http://127.0.0.1:9")]
    [InlineData("'--upstrem' in 'serve'; did you mean '--upstream'?", "--upstrem", "http://127.0.0.1:9")]
    [InlineData("unexpected argument 'extra' in 'serve'; it takes no arguments", "serve", "extra")]
    [InlineData("unknown option '--frobnicate' in 'serve'; expected one of: --upstream, --listen", "serve", "--frobnicate")]
    [InlineData("'--inptu' in 'check'; did you mean '--input'?", "check", "--inptu", "x.jsonl")]
    [InlineData("unexpected argument 'extra' in 'check'", "check", "--text", "hi", "extra")]
    [InlineData("unknown command 'tset' in 'rules'; did you mean 'test'?", "rules", "tset")]
    [InlineData("'--formta' in 'rules test'; did you mean '--format'?", "rules", "test", "--formta", "json")]
    [InlineData("unexpected argument 'b' in 'rules test'; it takes DIR", "rules", "test", "a", "b")]
    [InlineData("unknown option '--input' in 'rules lint'; expected one of: --format, --models, --help", "rules", "lint", "--input", "m")]
    [InlineData("'--otu' in 'train'; did you mean '--out'?", "train", "toxicity", "--otu", "o")]
    [InlineData("unexpected argument 'extra' in 'train'; it takes model", "train", "toxicity", "extra")]
    [InlineData("'--task-specfic' in 'eval'; did you mean '--task-specific'?", "eval", "toxicity", "--task-specfic")]
    [InlineData("unknown command 'serv'; did you mean 'serve'?", "serv")]
    [InlineData("unknown command 'frobnicate'; expected one of: serve, check, rules, train, eval", "frobnicate")]
    public async Task RunAsync_UnknownToken_Exit2NamingTokenAndChoices(string expected, params string[] args)
    {
        var error = new StringWriter();

        Assert.Equal(2, await GuardrailCli.RunAsync(args, error: error));
        var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expected, line);
    }

    [Theory]
    [InlineData("serve", "--Guardrail:WatchRules=false")]
    [InlineData("serve", "--Logging:LogLevel:Yarp", "Information", "--rules", "r")]
    [InlineData("--environment=Testing", "--contentRoot=/tmp", "--applicationName=guardrail")]
    public void Find_HostConfigurationTokens_NoUsageError(params string[] args)
    {
        if (args[0] != "serve") args = ["serve", .. args];

        Assert.Null(UsageErrors.Find(GuardrailCli.Create().Parse(args)));
    }
}
