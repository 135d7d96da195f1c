namespace Guardrail.Server.Hosting;

/// <summary>What <c>guardrail serve</c> was asked to do.</summary>
/// <param name="Upstream">Upstream base URL; null starts the demo upstream (unless configuration names one).</param>
/// <param name="Listen">Proxy listener URL.</param>
/// <param name="AdminListen">Admin listener URL (health, metrics, admin API and UI).</param>
/// <param name="RulesDirectory">Rules folder; null keeps the configured one.</param>
/// <param name="Policy">Default policy; null keeps the configured one.</param>
/// <param name="AdminApiKey">Admin API key; null keeps the configured one (<c>Guardrail:Admin:ApiKey</c>, e.g. from <c>Guardrail__Admin__ApiKey</c>).</param>
/// <param name="Audit">Audit store connection string, or <c>off</c>; null keeps the configured one (default: a SQLite file).</param>
public sealed record ServeSettings(string? Upstream, string Listen, string AdminListen, string? RulesDirectory, string? Policy, string? AdminApiKey = null, string? Audit = null)
{
    /// <summary>The judge's OpenAI-compatible base URL (<c>--judge-upstream</c>); null keeps <c>Guardrail:Judge:Upstream</c>.</summary>
    public string? JudgeUpstream { get; init; }

    /// <summary>The judge's constitution file (<c>--constitution</c>); null keeps the configured one (default: the rules folder's).</summary>
    public string? Constitution { get; init; }

    /// <summary>A candidate toxicity models folder to run in shadow (<c>--shadow-models</c>); null keeps <c>Guardrail:Shadow:ToxicityModels</c>.</summary>
    public string? ShadowModels { get; init; }

    /// <summary>Share of exchanges judged besides the uncertain ones (<c>--judge-sample-rate</c>); null keeps the configured one.</summary>
    public double? JudgeSampleRate { get; init; }

    /// <summary>The <c>--audit</c> value that switches the audit trail off.</summary>
    public const string AuditOff = "off";

    /// <summary>Default proxy listener.</summary>
    public const string DefaultListen = "http://127.0.0.1:8080";

    /// <summary>Default admin listener.</summary>
    public const string DefaultAdminListen = "http://127.0.0.1:9090";
}
