using System.Text;
using System.Text.Json.Nodes;
using Guardrail.Testing;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy.Configuration;

namespace Guardrail.AspNetCore.Tests;

/// <summary>A fake upstream and a guarded proxy in front of it, both on real Kestrel; disposed after each test.</summary>
public sealed class ProxyFixture : IAsyncDisposable
{
    private ProxyFixture(FakeUpstream upstream, GuardedProxy proxy)
    {
        Upstream = upstream;
        Proxy = proxy;
        Client = new HttpClient { BaseAddress = proxy.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public FakeUpstream Upstream { get; }
    public GuardedProxy Proxy { get; }
    public HttpClient Client { get; }

    /// <summary>Starts both, with the test rules and policy <c>test</c> in the given streaming mode.</summary>
    public static async Task<ProxyFixture> StartAsync(
        string streaming = "hold-back",
        string extraPolicyYaml = "",
        string failMode = "open",
        IReadOnlyDictionary<string, string>? extraRules = null,
        Action<IServiceCollection>? services = null,
        IReadOnlyDictionary<string, string?>? configuration = null,
        IReadOnlyList<RouteConfig>? routes = null)
    {
        var upstream = await FakeUpstream.StartAsync();
        var rules = TestRules.Create(streaming, extraPolicyYaml, failMode, extraRules);
        try
        {
            var proxy = await GuardedProxy.StartAsync(upstream.BaseAddress, rules, "test", services, configuration, routes);
            return new ProxyFixture(upstream, proxy);
        }
        catch
        {
            await upstream.DisposeAsync(); // a proxy that fails to start (bad configuration tests) leaves no upstream behind
            throw;
        }
    }

    /// <summary>Starts both, with the shipped rules folder as it is and the shipped policy <paramref name="policy"/>.</summary>
    public static async Task<ProxyFixture> StartShippedAsync(string policy, Action<IServiceCollection>? services = null)
    {
        var upstream = await FakeUpstream.StartAsync();
        var proxy = await GuardedProxy.StartAsync(upstream.BaseAddress, RepoPaths.Rules, policy, services);
        return new ProxyFixture(upstream, proxy);
    }

    /// <summary>POSTs a chat request body.</summary>
    public Task<HttpResponseMessage> PostChatAsync(string body, HttpCompletionOption option = HttpCompletionOption.ResponseContentRead) =>
        Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        }, option);

    /// <summary>POSTs and parses the JSON answer.</summary>
    public async Task<(HttpResponseMessage Response, JsonNode Body)> PostChatJsonAsync(string body)
    {
        var response = await PostChatAsync(body);
        var text = await response.Content.ReadAsStringAsync();
        return (response, JsonNode.Parse(text)!);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Proxy.DisposeAsync();
        await Upstream.DisposeAsync();
    }
}
