using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace Guardrail.Bench;

/// <summary>Adds the columns the README quotes: Median and P95 next to BenchmarkDotNet's defaults.</summary>
/// <remarks>
/// On a shared 2-core machine the mean is pulled around by other work's spikes; the median is what we
/// compare, and P95 shows how wide the spread was. Both are over iteration means, not single requests.
/// </remarks>
public sealed class BenchConfig : ManualConfig
{
    /// <summary>Creates the config.</summary>
    public BenchConfig()
    {
        AddColumn(StatisticColumn.Median, StatisticColumn.P95);
        // Each pair (plain and streamed) gets its own baseline, so Ratio is guarded over bare within a pair.
        AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory);
        AddColumn(CategoriesColumn.Default);
        // guardrail serve counts calls for tier-up from the first call (Guardrail.Server.csproj); every benchmark job runs the same way.
        AddJob(Job.Default.WithEnvironmentVariables(new EnvironmentVariable("DOTNET_TC_CallCountingDelayMs", "0")).AsMutator());
    }
}
