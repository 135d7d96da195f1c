using System.Net;
using System.Net.Sockets;
using Guardrail.Testing;

namespace Guardrail.Server.Tests.Cli;

/// <summary>`guardrail serve` that cannot start says why in one line on stderr (exit 1), with no stack trace anywhere.</summary>
public sealed class ServeStartupErrorsTests
{
    [Fact]
    public async Task Serve_MissingRulesFolder_OneLineExit1()
    {
        var result = await ServeAsync("--rules", "/nonexistent/rules");

        AssertOneLine(result, "guardrail: Guardrail:RulesDirectory '/nonexistent/rules' does not exist.");
    }

    [Fact]
    public async Task Serve_InvalidOptionValue_OneLineExit1()
    {
        var result = await ServeAsync("--admin-api-key", "short");

        AssertOneLine(result, "guardrail: Guardrail:Admin:ApiKey must be 16 to 512 characters long (it has 5).");
    }

    [Fact]
    public async Task Serve_PortInUse_OneLineExit1()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var listen = $"http://127.0.0.1:{((IPEndPoint)taken.LocalEndpoint).Port}";

        var result = await ServeAsync("--listen", listen);

        AssertOneLine(result, $"guardrail: Failed to bind to address {listen}: address already in use.");
    }

    [Fact]
    public async Task Serve_UnknownPolicy_OneLineListingKnownPoliciesExit1()
    {
        var result = await ServeAsync("--policy", "nosuch");

        AssertOneLine(result, "guardrail: unknown policy 'nosuch' in Guardrail:DefaultPolicy (--policy)");
        Assert.EndsWith("known policies: default, dlp, observe, passthrough, strict", result.ErrorLines[0]);
    }

    [Fact]
    public async Task Serve_RouteMetadataNamesUnknownPolicy_OneLineNamingRouteExit1()
    {
        var result = await ServeAsync(
            "--ReverseProxy:Routes:chat:ClusterId=llm",
            "--ReverseProxy:Routes:chat:Match:Path=/v1/{**rest}",
            "--ReverseProxy:Routes:chat:Metadata:GuardrailPolicy=stirct",
            "--ReverseProxy:Clusters:llm:Destinations:d1:Address=http://127.0.0.1:9");

        AssertOneLine(result, "guardrail: unknown policy 'stirct' in route 'chat' GuardrailPolicy (did you mean 'strict'?); known policies: default, dlp, observe, passthrough, strict");
    }

    [Fact]
    public async Task Serve_KnownPolicyOnRoute_StartsPastTheCheck()
    {
        // The same route with a known policy gets past the policy check: the only failure left is the taken port.
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var result = await ServeAsync(
            "--listen", $"http://127.0.0.1:{((IPEndPoint)taken.LocalEndpoint).Port}",
            "--ReverseProxy:Routes:chat:ClusterId=llm",
            "--ReverseProxy:Routes:chat:Match:Path=/v1/{**rest}",
            "--ReverseProxy:Routes:chat:Metadata:GuardrailPolicy=strict",
            "--ReverseProxy:Clusters:llm:Destinations:d1:Address=http://127.0.0.1:9");

        AssertOneLine(result, "guardrail: Failed to bind to address");
    }

    private static Task<GuardrailProcess.Result> ServeAsync(params string[] args)
    {
        var listen = args.Contains("--listen") ? [] : new[] { "--listen", $"http://127.0.0.1:{LoopbackPorts.Free()}" };
        return GuardrailProcess.RunAsync([
            "serve", .. listen, "--admin-listen", $"http://127.0.0.1:{LoopbackPorts.Free()}", "--audit", "off",
            "--upstream", "http://127.0.0.1:9", "--Guardrail:WatchRules=false", .. args]);
    }

    private static void AssertOneLine(GuardrailProcess.Result result, string expectedStart)
    {
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith(expectedStart, Assert.Single(result.ErrorLines));
        Assert.DoesNotContain("   at ", result.Stdout + result.Stderr);
        Assert.DoesNotContain("Exception", result.Stdout + result.Stderr);
    }
}
