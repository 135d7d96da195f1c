using System.Diagnostics;

namespace Guardrail.Server.Tests.Observability;

/// <summary>
/// A running guardrail under synthetic traffic, scraped every second by a real Prometheus that also evaluates the
/// shipped rules. Traffic runs in two identical waves with a scrape between them, so every series exists before its
/// second increase and rate() over it is a real number, not only present; the fixture then waits for two more scrapes.
/// </summary>
public sealed class ObservabilityFixture : IAsyncLifetime
{
    private GuardrailHost? _guardrail;
    private PrometheusServer? _prometheus;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };

    internal GuardrailHost Guardrail => _guardrail!;

    internal PrometheusServer Prometheus => _prometheus!;

    /// <summary>How long starting everything and driving the traffic took.</summary>
    public TimeSpan SetupDuration { get; private set; }

    public async Task InitializeAsync()
    {
        var clock = Stopwatch.StartNew();
        _ = PrometheusTools.Prometheus; // fails now, with the install hint, when Prometheus is missing
        try
        {
            _guardrail = await GuardrailHost.StartAsync();
            _prometheus = await PrometheusServer.StartAsync(_guardrail.Metrics, [DashboardFiles.RulesFile]);
            await _prometheus.WaitForScrapesAsync(1);
            var traffic = new SyntheticTraffic(_guardrail, _http);
            await traffic.RunAsync();
            await _prometheus.WaitForScrapesAsync(1);
            await traffic.RunAsync();
            await _prometheus.WaitForScrapesAsync(2);
        }
        catch
        {
            // No Prometheus process or temp folder may outlive a failed start.
            await DisposeAsync();
            throw;
        }
        SetupDuration = clock.Elapsed;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        if (_prometheus is not null) await _prometheus.DisposeAsync();
        if (_guardrail is not null) await _guardrail.DisposeAsync();
        _prometheus = null;
        _guardrail = null;
    }
}
