using Guardrail.Server.Cli;
using Guardrail.Testing;

namespace Guardrail.Server.Tests.Cli;

/// <summary><c>rules lint</c> validates the constitution; <c>rules test --judge-upstream</c> runs its examples against a judge.</summary>
public sealed class ConstitutionCliTests
{
    [Fact]
    public void RunLint_BrokenConstitution_ErrorAtItsLineExit1()
    {
        var shipped = File.ReadAllText(Path.Combine(RepoPaths.Rules, "constitution.yaml"));
        var dir = RepoPaths.RulesCopy(new Dictionary<string, string> { ["constitution.yaml"] = shipped.Replace("severity: medium", "severity: extreme") });
        var stdout = new StringWriter();

        var code = RulesCommand.RunLint(dir, "text", stdout, new StringWriter(), RepoPaths.Models);

        Assert.Equal(1, code);
        Assert.Matches(@"constitution\.yaml:\d+:\d+: invalid severity 'extreme'", stdout.ToString());
    }

    [Fact]
    public void RunLint_ShippedRules_CountsThePrinciples()
    {
        var stdout = new StringWriter();

        Assert.Equal(0, RulesCommand.RunLint(RepoPaths.Rules, "text", stdout, new StringWriter(), RepoPaths.Models));
        Assert.Contains("a constitution of 7 principles, no errors", stdout.ToString());
    }

    [Fact]
    public async Task TestAsync_FakeJudge_EveryExamplePasses()
    {
        await using var judge = await FakeJudge.StartAsync();
        var stdout = new StringWriter();

        var code = await ConstitutionCli.TestAsync(RepoPaths.Rules, null, judge.BaseAddress.ToString(), "fake", stdout, new StringWriter(), CancellationToken.None);

        Assert.Equal(0, code);
        Assert.Matches(@"(?m)^\d+ passed, 0 failed\s*$", stdout.ToString());
        Assert.Contains("PASS no-injected-instructions", stdout.ToString());
    }

    [Fact]
    public async Task TestAsync_JudgeDisagrees_FailLinesExit1()
    {
        await using var judge = await FakeJudge.StartAsync();
        judge.Triggers["no-insults"] = ["bug"]; // now it also calls the passing bug report an insult
        var stdout = new StringWriter();

        var code = await ConstitutionCli.TestAsync(RepoPaths.Rules, null, judge.BaseAddress.ToString(), "fake", stdout, new StringWriter(), CancellationToken.None);

        Assert.Equal(1, code);
        Assert.Matches(@"FAIL no-insults .*constitution\.yaml:\d+ expected not violated, judge said violated", stdout.ToString());
    }

    [Fact]
    public async Task TestAsync_NoJudge_SaysTheExamplesWereNotRun()
    {
        var stdout = new StringWriter();

        var code = await ConstitutionCli.TestAsync(RepoPaths.Rules, null, null, null, stdout, new StringWriter(), CancellationToken.None);

        Assert.Equal(0, code);
        Assert.Contains("not run (no --judge-upstream)", stdout.ToString());
    }
}
