using Guardrail.AspNetCore.Admin;
using Guardrail.AspNetCore.Hosting;
using Guardrail.Audit;
using Guardrail.Hosting;
using Microsoft.Extensions.Configuration.Memory;
using Yarp.ReverseProxy.Configuration;

namespace Guardrail.Server.Hosting;

/// <summary>Builds the <c>serve</c> host; this method is the table of contents of the running proxy.</summary>
public static class GuardrailApp
{
    /// <summary>Builds the proxy host from command-line settings and the remaining host arguments.</summary>
    public static WebApplication Build(ServeSettings settings, string[] hostArgs)
    {
        ExportRuntimeMetersOnly();
        var builder = WebApplication.CreateBuilder(hostArgs);
        // Lowest precedence: appsettings, environment variables and --Logging:LogLevel:... still override these.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = FrameworkLogLevels });
        builder.Configuration.AddInMemoryCollection(Overrides(settings, builder.Configuration));
        builder.WebHost.UseUrls(settings.Listen, settings.AdminListen);
        var startupLog = new StartupLogFilter();
        builder.Logging.AddFilter(StartupLogFilter.HostCategory, startupLog.Allows);

        AddDetectors(builder.Services.AddGuardrail());
        builder.Services.AddHostedService<PolicyNamesCheck>();
        builder.Services.AddGuardrailAuditStore();
        builder.Services.AddGuardrailAudit();
        builder.Services.AddGuardrailJudge();
        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));
        builder.Services.AddSingleton<SingleUpstreamProxyConfig>();
        builder.Services.AddSingleton<IProxyConfigProvider>(sp => sp.GetRequiredService<SingleUpstreamProxyConfig>());

        var multiRoute = builder.Configuration.GetSection("ReverseProxy:Routes").GetChildren().Any();

        var app = builder.Build();
        app.Lifetime.ApplicationStarted.Register(startupLog.Started);
        app.MapGuardrailAdmin(new Uri(settings.AdminListen).Port);
        app.MapReverseProxy(proxy =>
        {
            // One upstream needs no affinity, balancing or passive health checks, and is faster without them (DESIGN.md §12).
            if (multiRoute)
            {
                proxy.UseSessionAffinity();
                proxy.UseLoadBalancing();
                proxy.UsePassiveHealthChecks();
            }
            proxy.UseGuardrail();
        });
        return app;
    }

    /// <summary>
    /// The detectors and models of the proxy, registered once here for <c>serve</c> and the offline commands alike
    /// (<c>check</c>, <c>rules test</c>, <c>rules lint</c>: see <see cref="Cli.CliDetectors"/>).
    /// </summary>
    public static void AddDetectors(IGuardrailBuilder guardrail) => guardrail.AddShippedModels();

    /// <summary>
    /// The .NET meters prometheus-net publishes on <c>/metrics</c>: only <c>System.Runtime</c> (GC, allocations, CPU,
    /// thread pool). Listening to the per-request meters (ASP.NET hosting and routing, Kestrel, HttpClient) would turn
    /// their instruments on for every request in both directions, for series no dashboard reads; the guard's own
    /// per-request metrics are prometheus-net's. (The load harness could not tell the difference from run-to-run noise:
    /// bench/load/README.md.) Called before the default registry is first used; later calls change nothing.
    /// </summary>
    public static void ExportRuntimeMetersOnly()
    {
        Prometheus.Metrics.ConfigureMeterAdapter(o => o.InstrumentFilterPredicate = instrument => instrument.Meter.Name == "System.Runtime");
        // The event-counter adapter enables its event sources at Informational level, which makes ASP.NET hosting,
        // Kestrel and HttpClient write a start and a stop event for every request; only the runtime's counters are kept.
        Prometheus.Metrics.ConfigureEventCounterAdapter(o => o.EventSourceFilterPredicate = source => source == "System.Runtime");
    }

    /// <summary>
    /// Framework categories that log a line or more per request at Information (request start and end, routing,
    /// YARP's "Proxying to", outgoing HTTP calls, the judge's and revisions' resilience attempts): at Warning by default, so a busy proxy's log shows what matters.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> FrameworkLogLevels { get; } = new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Yarp"] = "Warning",
        ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",
        // The judge's resilience pipeline logs every attempt at Information.
        ["Logging:LogLevel:Polly"] = "Warning",
    };

    /// <summary>Points the catch-all route at <paramref name="upstream"/> after the host was built.</summary>
    public static void SetUpstream(WebApplication app, string upstream) =>
        app.Services.GetRequiredService<SingleUpstreamProxyConfig>().SetUpstream(upstream);

    // Only what the command line says overrides configuration, so appsettings and environment still apply.
    private static Dictionary<string, string?> Overrides(ServeSettings settings, IConfiguration configuration)
    {
        var values = new Dictionary<string, string?>();
        if (settings.Upstream is not null) values["Guardrail:Upstream"] = settings.Upstream;
        if (settings.RulesDirectory is not null) values[$"{GuardrailOptions.SectionName}:RulesDirectory"] = settings.RulesDirectory;
        if (settings.Policy is not null) values[$"{GuardrailOptions.SectionName}:DefaultPolicy"] = settings.Policy;
        if (settings.AdminApiKey is not null) values[$"{GuardrailAdminOptions.SectionName}:ApiKey"] = settings.AdminApiKey;
        if (settings.JudgeUpstream is not null) values[$"{Guardrail.AspNetCore.Judging.JudgeOptions.SectionName}:Upstream"] = settings.JudgeUpstream;
        if (settings.Constitution is not null) values[$"{Guardrail.AspNetCore.Judging.JudgeOptions.SectionName}:Constitution"] = settings.Constitution;
        if (settings.JudgeSampleRate is { } rate) values[$"{Guardrail.AspNetCore.Judging.JudgeOptions.SectionName}:SampleRate"] = rate.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (settings.ShadowModels is not null) values[ToxicityShadowServiceCollectionExtensions.ConfigurationKey] = settings.ShadowModels;
        if (settings.Audit is { } audit)
        {
            if (audit.Equals(ServeSettings.AuditOff, StringComparison.OrdinalIgnoreCase)) values[$"{AuditOptions.SectionName}:Enabled"] = "false";
            else values[$"{AuditOptions.SectionName}:ConnectionString"] = audit;
        }
        return values;
    }
}
