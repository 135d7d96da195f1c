using System.CommandLine;
using Guardrail.AspNetCore.Admin;
using System.Data.Common;
using Guardrail.Audit;
using Guardrail.Server.Demo;
using Guardrail.Server.Hosting;
using Microsoft.Extensions.Options;

namespace Guardrail.Server.Cli;

/// <summary><c>guardrail serve</c>: runs the proxy, with a demo upstream when none is given.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var upstream = new Option<string?>("--upstream") { Description = "Upstream base URL (OpenAI-compatible). Without it, a built-in demo upstream answers." };
        var listen = new Option<string>("--listen") { Description = "Proxy listener URL.", DefaultValueFactory = _ => ServeSettings.DefaultListen };
        var admin = new Option<string>("--admin-listen") { Description = "Admin listener URL (/healthz, /readyz, /metrics, /guardrail/api, /guardrail/ui).", DefaultValueFactory = _ => ServeSettings.DefaultAdminListen };
        var adminKey = new Option<string?>("--admin-api-key") { Description = "Key for the admin API and UI (16+ printable ASCII characters). Prefer the Guardrail__Admin__ApiKey environment variable: other local users can read command lines. Without a key both stay closed." };
        var rules = new Option<string?>("--rules") { Description = "Rules folder (default: ./rules)." };
        var policy = new Option<string?>("--policy") { Description = "Default policy name (default: default)." };
        var audit = new Option<string?>("--audit") { Description = "Audit store: a SQLite (Data Source=FILE) or PostgreSQL (Host=...) connection string, or 'off' (default: Data Source=guardrail-audit.db)." };
        var judge = new Option<string?>("--judge-upstream") { Description = "OpenAI-compatible base URL of an LLM judge (DESIGN.md §9): it labels uncertain and sampled exchanges off the hot path. Its key comes from Guardrail__Judge__ApiKey, never a flag." };
        var constitution = new Option<string?>("--constitution") { Description = "The judge's constitution (default: RULES/constitution.yaml)." };
        var sampleRate = new Option<double?>("--judge-sample-rate") { Description = "Share of exchanges judged besides the uncertain ones, 0 to 1 (default 0)." };
        var shadow = new Option<string?>("--shadow-models") { Description = "A candidate toxicity models folder (e.g. from train toxicity --out DIR) to run in shadow: its decisions are recorded beside the live ones and never change a response." };
        var command = new Command("serve", "Run the guarded reverse proxy.") { upstream, listen, admin, adminKey, rules, policy, audit, judge, constitution, sampleRate, shadow };
        // Tokens such as --Guardrail:WatchRules=false are host configuration, as in any ASP.NET app; any other
        // unknown token is a usage error (UsageErrors), never silently ignored.
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, ct) =>
        {
            var (stdout, stderr) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            var settings = new ServeSettings(parse.GetValue(upstream), parse.GetValue(listen)!, parse.GetValue(admin)!, parse.GetValue(rules), parse.GetValue(policy), parse.GetValue(adminKey), parse.GetValue(audit))
            {
                JudgeUpstream = parse.GetValue(judge),
                Constitution = parse.GetValue(constitution),
                JudgeSampleRate = parse.GetValue(sampleRate),
                ShadowModels = parse.GetValue(shadow),
            };
            if (!TryValidate(settings, out var error))
            {
                stderr.WriteLine($"guardrail: {error}");
                return 2;
            }
            return await RunAsync(settings, HostArguments.Split(parse.UnmatchedTokens, out _), stdout, stderr, ct);
        });
        return command;
    }

    private static async Task<int> RunAsync(ServeSettings settings, string[] hostArgs, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        WebApplication app;
        try
        {
            app = GuardrailApp.Build(settings, hostArgs);
        }
        catch (Exception ex) when (ex is not HostAbortedException) // WebApplicationFactory ends Main with it
        {
            return StartupFailed(stderr, ex);
        }
        await using (app)
        {
            DemoUpstream? demo = null;
            try
            {
                // The demo upstream starts only after the proxy host is built, so a test host that intercepts the
                // build (WebApplicationFactory) never starts it.
                demo = NeedsDemo(app.Configuration) ? await DemoUpstream.StartAsync(ct) : null;
                var upstream = demo?.Address.ToString().TrimEnd('/') ?? app.Configuration["Guardrail:Upstream"];
                if (demo is not null) GuardrailApp.SetUpstream(app, upstream!);
                await app.StartAsync(ct);
                PrintBanner(stdout, settings, upstream, demo is not null, app.Services.GetRequiredService<IOptions<GuardrailAdminOptions>>().Value.ApiEnabled, app.Services.GetRequiredService<IOptions<AuditOptions>>().Value, app.Services.GetRequiredService<IOptions<Guardrail.AspNetCore.Judging.JudgeOptions>>().Value);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                if (demo is not null) await demo.DisposeAsync();
                return StartupFailed(stderr, ex);
            }
            await using (demo)
            {
                await app.WaitForShutdownAsync(ct);
            }
            return 0;
        }
    }

    // A bad configuration, a missing folder or a port in use is reported in one line (every error listed), exit 1:
    // the host's own report with its stack trace is held back (StartupLogFilter).
    private static int StartupFailed(TextWriter stderr, Exception ex)
    {
        stderr.WriteLine($"guardrail: {StartupErrors.Describe(ex)}");
        return 1;
    }

    // Where verdicts go, without the password a PostgreSQL connection string may carry.
    private static string AuditTarget(AuditOptions audit)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = audit.ConnectionString };
        foreach (var secret in new[] { "Password", "Pwd" }) builder.Remove(secret);
        return builder.ConnectionString;
    }

    private static bool NeedsDemo(IConfiguration configuration) =>
        string.IsNullOrWhiteSpace(configuration["Guardrail:Upstream"])
        && !configuration.GetSection("ReverseProxy:Routes").GetChildren().Any();

    private static bool TryValidate(ServeSettings s, out string error)
    {
        if (s.JudgeSampleRate is < 0 or > 1)
        {
            error = $"--judge-sample-rate must be between 0 and 1, got {s.JudgeSampleRate}";
            return false;
        }
        foreach (var (name, url) in new[] { ("--listen", s.Listen), ("--admin-listen", s.AdminListen), ("--upstream", s.Upstream), ("--judge-upstream", s.JudgeUpstream) })
        {
            if (url is null) continue;
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
            {
                error = $"{name} must be an absolute http(s) URL, got '{url}'";
                return false;
            }
        }
        if (new Uri(s.Listen).Port == new Uri(s.AdminListen).Port)
        {
            error = "--listen and --admin-listen must use different ports";
            return false;
        }
        error = "";
        return true;
    }

    private static void PrintBanner(TextWriter stdout, ServeSettings s, string? upstream, bool demo, bool adminApi, AuditOptions audit, Guardrail.AspNetCore.Judging.JudgeOptions judge)
    {
        var proxy = s.Listen.TrimEnd('/');
        var admin = s.AdminListen.TrimEnd('/');
        stdout.WriteLine($"Guardrail proxy  {proxy}  ->  {upstream ?? "(routes from configuration)"}{(demo ? "  (built-in demo upstream: it repeats your prompt)" : "")}");
        stdout.WriteLine($"Admin            {admin}/metrics  /healthz  /readyz");
        // Never print the key itself: banners end up in logs.
        stdout.WriteLine(adminApi
            ? $"Admin API and UI {admin}/guardrail/api  {admin}/guardrail/ui  (API key configured)"
            : "Admin API and UI closed: no API key (set Guardrail__Admin__ApiKey or --admin-api-key)");
        stdout.WriteLine($"Audit            {(audit.Enabled ? AuditTarget(audit) : "off")}");
        // The URL without any user info or query a key could hide in; the key itself is never printed.
        stdout.WriteLine(judge.Enabled
            ? $"Judge            {judge.Model} at {judge.ChatCompletionsUri().GetLeftPart(UriPartial.Path).Replace(judge.ChatCompletionsUri().UserInfo + "@", "")}  (sample {judge.SampleRate.ToString(System.Globalization.CultureInfo.InvariantCulture)}, band {judge.Band.ToString(System.Globalization.CultureInfo.InvariantCulture)})"
            : "Judge            off (--judge-upstream URL to label uncertain and sampled exchanges)");
        stdout.WriteLine("Try:");
        stdout.WriteLine($"  curl -s {proxy}/v1/chat/completions -H 'content-type: application/json' \\");
        stdout.WriteLine("    -d '{\"model\":\"demo\",\"messages\":[{\"role\":\"user\",\"content\":\"My email is jane@example.com\"}]}'");
    }
}
