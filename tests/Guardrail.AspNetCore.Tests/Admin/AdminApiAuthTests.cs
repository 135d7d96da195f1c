using System.Net;
using System.Net.Http.Headers;
using Guardrail.Testing;
using Guardrail.Testing.Admin;
using static Guardrail.AspNetCore.Tests.Admin.AdminApiFixture;

namespace Guardrail.AspNetCore.Tests.Admin;

/// <summary>The admin API key: 401 without it or with a wrong one, 200 with it, in either header.</summary>
public sealed class AdminApiAuthTests(AdminApiFixture fixture) : IClassFixture<AdminApiFixture>
{
    private const string Path = "/guardrail/api/verdicts?limit=1";

    [Fact]
    public async Task Request_NoKey_401MissingWithChallenge()
    {
        using var client = fixture.Host.AdminClient(key: null);

        using var response = await client.GetAsync(Path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("missing_api_key", ErrorCode(System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!));
    }

    [Theory]
    [InlineData("wrong")]
    [InlineData(AdminProxy.ApiKey + "x")]
    [InlineData("test-admin-key-0123456789abcdeF")]
    [InlineData("")]
    public async Task Request_WrongKey_401Invalid(string key)
    {
        using var client = fixture.Host.AdminClient(key);

        var body = await GetJsonAsync(client, Path, HttpStatusCode.Unauthorized);

        Assert.Equal("invalid_api_key", ErrorCode(body));
        Assert.DoesNotContain(AdminProxy.ApiKey, body.ToJsonString());
    }

    [Fact]
    public async Task Request_RightKey_200()
    {
        using var client = fixture.Host.AdminClient();

        var body = await GetJsonAsync(client, Path);

        Assert.Single(body["items"]!.AsArray());
    }

    [Fact]
    public async Task Request_BearerKey_200()
    {
        using var client = fixture.Host.AdminClient(key: null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminProxy.ApiKey);

        await GetJsonAsync(client, Path);
    }

    [Theory]
    [InlineData("Bearer", "wrong-key-wrong-key")]
    [InlineData("Basic", AdminProxy.ApiKey)]
    public async Task Request_WrongAuthorization_401(string scheme, string value)
    {
        using var client = fixture.Host.AdminClient(key: null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(scheme, value);

        var body = await GetJsonAsync(client, Path, HttpStatusCode.Unauthorized);

        Assert.Equal("invalid_api_key", ErrorCode(body));
    }

    [Fact]
    public async Task Request_KeyHeaderTwice_401()
    {
        using var client = fixture.Host.AdminClient(key: null);
        client.DefaultRequestHeaders.Add("X-Guardrail-Api-Key", [AdminProxy.ApiKey, AdminProxy.ApiKey]);

        await GetJsonAsync(client, Path, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("/guardrail/api/verdicts/gr_bad")]
    [InlineData("/guardrail/api/verdicts?limit=0")]
    [InlineData("/guardrail/api/anything")]
    public async Task Request_NoKeyAndBadInput_401BeforeValidation(string path)
    {
        using var client = fixture.Host.AdminClient(key: null);

        await GetJsonAsync(client, path, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task PostLabel_NoKey_401AndNothingStored()
    {
        using var client = fixture.Host.AdminClient(key: null);

        var (status, _) = await PostJsonAsync(client, $"/guardrail/api/verdicts/{AuditSamples.Pii.Id}/labels", """{"label":"correct"}""");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Empty(fixture.Store.LabelsOf(AuditSamples.Pii.Id));
    }
}

/// <summary>Hosts whose admin API is closed or has no store: it answers 401 or 503, never opens up.</summary>
public sealed class AdminApiClosedTests
{
    [Theory]
    [InlineData(null, "no API key is configured")]
    [InlineData(false, "disabled by configuration")]
    public async Task Request_ApiClosed_401DisabledEvenWithAKey(bool? enabled, string message)
    {
        await using var upstream = await FakeUpstream.StartAsync();
        await using var host = await AdminProxy.StartAsync(upstream.BaseAddress, new InMemoryAuditStore().Seed(AuditSamples.All()),
            apiKey: enabled is null ? null : AdminProxy.ApiKey, admin: o => o.Enabled = enabled);
        using var client = host.AdminClient();

        var body = await GetJsonAsync(client, "/guardrail/api/verdicts", HttpStatusCode.Unauthorized);
        using var ui = await client.GetAsync("/guardrail/ui/");

        Assert.Equal("admin_api_disabled", ErrorCode(body));
        Assert.Contains(message, body["error"]!["message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, ui.StatusCode);
        Assert.Contains("disabled", await ui.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", await client.GetStringAsync("/healthz"));
    }

    [Fact]
    public async Task Request_NoAuditStore_503WithMessage()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        await using var host = await AdminProxy.StartAsync(upstream.BaseAddress, store: null);
        using var client = host.AdminClient();

        var list = await GetJsonAsync(client, "/guardrail/api/verdicts", HttpStatusCode.ServiceUnavailable);
        var one = await GetJsonAsync(client, $"/guardrail/api/verdicts/{AuditSamples.Pii.Id}", HttpStatusCode.ServiceUnavailable);
        var (labelStatus, _) = await PostJsonAsync(client, $"/guardrail/api/verdicts/{AuditSamples.Pii.Id}/labels", """{"label":"correct"}""");

        Assert.Equal("audit_store_unavailable", ErrorCode(list));
        Assert.Contains("No audit store is configured", list["error"]!["message"]!.GetValue<string>());
        Assert.Equal("audit_store_unavailable", ErrorCode(one));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, labelStatus);
    }

    [Fact]
    public async Task Request_StoreThrows_500JsonWithoutDetails()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        var store = new InMemoryAuditStore { Failure = new InvalidOperationException("database is locked: secret detail") };
        await using var host = await AdminProxy.StartAsync(upstream.BaseAddress, store);
        using var client = host.AdminClient();

        var body = await GetJsonAsync(client, "/guardrail/api/verdicts", HttpStatusCode.InternalServerError);

        Assert.Equal("internal_error", ErrorCode(body));
        Assert.DoesNotContain("secret", body.ToJsonString());
    }
}
