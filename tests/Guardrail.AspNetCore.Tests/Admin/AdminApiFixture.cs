using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Guardrail.Testing;
using Guardrail.Testing.Admin;

namespace Guardrail.AspNetCore.Tests.Admin;

/// <summary>An upstream, the guard with its admin listener, and an in-memory audit store seeded with <see cref="AuditSamples.All"/>.</summary>
public sealed class AdminApiFixture : IAsyncLifetime
{
    public FakeUpstream Upstream { get; private set; } = null!;
    public AdminProxy Host { get; private set; } = null!;
    public InMemoryAuditStore Store { get; } = new InMemoryAuditStore().Seed(AuditSamples.All());
    public HttpClient Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Upstream = await FakeUpstream.StartAsync();
        Host = await AdminProxy.StartAsync(Upstream.BaseAddress, Store);
        Admin = Host.AdminClient();
    }

    public async Task DisposeAsync()
    {
        Admin.Dispose();
        await Host.DisposeAsync();
        await Upstream.DisposeAsync();
    }

    /// <summary>GETs and parses the JSON answer; asserts the status.</summary>
    public static async Task<JsonNode> GetJsonAsync(HttpClient client, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"GET {path}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString());
        return JsonNode.Parse(text)!;
    }

    /// <summary>POSTs a JSON body and returns status and parsed body.</summary>
    public static async Task<(HttpStatusCode Status, JsonNode Body)> PostJsonAsync(HttpClient client, string path, string json, string contentType = "application/json")
    {
        using var response = await client.PostAsync(path, new StringContent(json, Encoding.UTF8, contentType));
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    /// <summary>The error code of an error body.</summary>
    public static string? ErrorCode(JsonNode body) => body["error"]?["code"]?.GetValue<string>();
}
