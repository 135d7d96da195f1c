using System.Threading.Channels;
using Guardrail.Rules.Reload;

namespace Guardrail.Core.Tests.Rules.Reload;

public class RuleSetProviderTests
{
    private static readonly string[] Known = ["pii"];
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private static async Task<RuleReloadResult> WaitFor(ChannelReader<RuleReloadResult> reloads, Func<RuleReloadResult, bool> predicate)
    {
        using var cts = new CancellationTokenSource(Timeout);
        while (true)
        {
            var result = await reloads.ReadAsync(cts.Token);
            if (predicate(result)) return result;
        }
    }

    private static (RuleSetProvider Provider, ChannelReader<RuleReloadResult> Reloads) Watch(TempRulesFolder dir)
    {
        var provider = new RuleSetProvider(dir.Path, Known, TimeProvider.System);
        var channel = Channel.CreateUnbounded<RuleReloadResult>();
        provider.Reloaded += r => channel.Writer.TryWrite(r);
        provider.StartWatching();
        return (provider, channel.Reader);
    }

    [Fact]
    public void Constructor_ValidFolder_LoadsSnapshot()
    {
        using var dir = new TempRulesFolder().Write("a.yaml", RuleYaml.Valid("a.rule"));
        using var provider = new RuleSetProvider(dir.Path, Known, TimeProvider.System);

        Assert.True(provider.LastResult.Success);
        Assert.Equal(["a.rule"], provider.Current.RuleSet.Rules.Select(r => r.Id));
        Assert.Contains("default", provider.Current.Policies.Keys);
    }

    [Fact]
    public void Constructor_InvalidFolder_StartsEmptyAndReportsErrors()
    {
        using var dir = new TempRulesFolder().Write("a.yaml", RuleYaml.Valid(action: "deny"));
        using var provider = new RuleSetProvider(dir.Path, Known, TimeProvider.System);

        Assert.False(provider.LastResult.Success);
        Assert.Single(provider.LastResult.Errors);
        Assert.Empty(provider.Current.RuleSet.Rules);
    }

    [Fact]
    public void Reload_BadChange_KeepsLastGoodSnapshot()
    {
        using var dir = new TempRulesFolder().Write("a.yaml", RuleYaml.Valid("a.rule"));
        using var provider = new RuleSetProvider(dir.Path, Known, TimeProvider.System);
        var before = provider.Current;
        RuleReloadResult? raised = null;
        provider.Reloaded += r => raised = r;

        dir.Write("a.yaml", "id: [broken\n");
        var result = provider.Reload();

        Assert.Equal(("failure", false), (result.Result, result.Success));
        Assert.Same(result, raised);
        Assert.Same(before, provider.Current);
        Assert.NotEmpty(result.Errors);
    }

    [Fact]
    public async Task StartWatching_GoodChange_SwapsSnapshot()
    {
        using var dir = new TempRulesFolder().Write("a.yaml", RuleYaml.Valid("a.rule"));
        var (provider, reloads) = Watch(dir);
        using var _ = provider;
        var oldHash = provider.Current.RuleSet.Hash;

        dir.Write("b.yaml", RuleYaml.Valid("b.rule"));
        var result = await WaitFor(reloads, r => r.Success && r.Current.RuleSet.Rules.Count == 2);

        Assert.Same(result.Current, provider.Current);
        Assert.Equal(["a.rule", "b.rule"], provider.Current.RuleSet.Rules.Select(r => r.Id));
        Assert.NotEqual(oldHash, provider.Current.RuleSet.Hash);
    }

    [Fact]
    public async Task StartWatching_BadChange_KeepsLastGoodSnapshotAndReportsFailure()
    {
        using var dir = new TempRulesFolder().Write("a.yaml", RuleYaml.Valid("a.rule"));
        var (provider, reloads) = Watch(dir);
        using var _ = provider;
        var good = provider.Current;

        dir.Write("b.yaml", RuleYaml.Valid("a.rule")); // duplicate id
        var result = await WaitFor(reloads, r => !r.Success);

        Assert.Contains(result.Errors, e => e.Message.StartsWith("duplicate id 'a.rule'", StringComparison.Ordinal));
        Assert.Same(good, provider.Current);
        Assert.Same(good, result.Current);

        File.Delete(Path.Combine(dir.Path, "b.yaml"));
        var recovered = await WaitFor(reloads, r => r.Success);
        Assert.Equal(["a.rule"], recovered.Current.RuleSet.Rules.Select(r => r.Id));
        Assert.NotSame(good, provider.Current);
    }
}
