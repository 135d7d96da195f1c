using Guardrail.Audit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Guardrail.AspNetCore.Tests.Audit;

public sealed class AuditOptionsValidationTests
{
    private static AuditOptions Resolve(Action<AuditOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddGuardrailAudit(configure);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<AuditOptions>>().Value;
    }

    [Fact]
    public void AddGuardrailAudit_BadWriterSettings_EveryErrorListed()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Resolve(o =>
        {
            o.QueueCapacity = 0;
            o.BatchSize = 0;
            o.MaxAge = TimeSpan.Zero;
            o.MaxRecords = 0;
            o.PruneInterval = TimeSpan.Zero;
            o.WriteAttempts = 0;
        }));

        Assert.Equal(6, ex.Failures.Count());
        Assert.Contains(ex.Failures, m => m.StartsWith("Guardrail:Audit:QueueCapacity", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, m => m.StartsWith("Guardrail:Audit:PruneInterval", StringComparison.Ordinal));
    }

    [Fact]
    public void AddGuardrailAudit_Defaults_Valid()
    {
        var o = Resolve(_ => { });

        Assert.Equal((true, 10_000, TimeSpan.FromDays(30), 1_000_000, AuditOptions.DefaultConnectionString),
            (o.Enabled, o.QueueCapacity, o.MaxAge, o.MaxRecords, o.ConnectionString));
    }
}
