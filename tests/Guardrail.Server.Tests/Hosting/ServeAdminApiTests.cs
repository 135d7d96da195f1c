using System.Net;
using System.Text.Json.Nodes;
using Guardrail.Server.Cli;
using Guardrail.Server.Hosting;
using Guardrail.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Guardrail.Server.Tests.Hosting;

/// <summary>The serve host's admin API and UI: on the admin listener only, closed without a key.</summary>
public sealed class ServeAdminApiTests
{
    private const string Key = "serve-test-admin-key-0123456789";

    private static async Task<(WebApplication App, string Proxy, string Admin, FakeUpstream Upstream)> StartAsync(string? settingsKey, params string[] hostArgs)
    {
        var upstream = await FakeUpstream.StartAsync();
        upstream.Handler = ctx => ctx.Response.WriteAsync("from upstream");
        var proxyUrl = $"http://127.0.0.1:{LoopbackPorts.Free()}";
        var adminUrl = $"http://127.0.0.1:{LoopbackPorts.Free()}";
        var audit = $"Data Source={Path.Combine(Path.GetTempPath(), "guardrail-admin-" + Guid.NewGuid().ToString("N") + ".db")}";
        var settings = new ServeSettings(upstream.BaseAddress.ToString().TrimEnd('/'), proxyUrl, adminUrl, RepoPaths.Rules, null, settingsKey, audit);
        var app = GuardrailApp.Build(settings, ["--Guardrail:WatchRules=false", $"--Guardrail:Toxicity:ModelsDirectory={RepoPaths.Models}", .. hostArgs]);
        await app.StartAsync();
        return (app, proxyUrl, adminUrl, upstream);
    }

    private static async Task<(HttpStatusCode Status, string? Code)> GetAsync(string url, string? key)
    {
        using var http = new HttpClient();
        if (key is not null) http.DefaultRequestHeaders.Add("X-Guardrail-Api-Key", key);
        using var response = await http.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        var code = response.Content.Headers.ContentType?.MediaType == "application/json" ? JsonNode.Parse(text)!["error"]?["code"]?.GetValue<string>() : text;
        return (response.StatusCode, code);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Build_KeyFromOptionOrConfiguration_AdminApiAnswersOnAdminListenerOnly(bool fromOption)
    {
        var (app, proxy, admin, upstream) = fromOption ? await StartAsync(Key) : await StartAsync(null, $"--Guardrail:Admin:ApiKey={Key}");
        await using var _ = app;
        await using var __ = upstream;

        // A fresh database, queried before the audit writer got round to creating the schema: still 200, not 500.
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(admin + "/guardrail/api/verdicts", Key)).Status);
        Assert.Equal((HttpStatusCode.Unauthorized, "missing_api_key"), await GetAsync(admin + "/guardrail/api/verdicts", null));
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_api_key"), await GetAsync(admin + "/guardrail/api/verdicts", Key + "x"));
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(admin + "/guardrail/ui/", null)).Status);
        Assert.Equal((HttpStatusCode.OK, "from upstream"), await GetAsync(proxy + "/guardrail/api/verdicts", Key));
        Assert.Equal((HttpStatusCode.OK, "from upstream"), await GetAsync(proxy + "/guardrail/ui/", null));
        await app.StopAsync();
    }

    [Fact]
    public async Task Build_ExchangeThroughProxy_StoredMaskedListedAndLabelled()
    {
        var (app, proxy, admin, upstream) = await StartAsync(Key);
        await using var _ = app;
        await using var __ = upstream;
        upstream.Handler = ctx => Completions.WriteAsync(ctx, "Write to jane.doe@example.com for the report.");
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Add("X-Guardrail-Api-Key", Key);
        using (var chat = await http.PostAsync(proxy + "/v1/chat/completions", new StringContent(
            """{"model":"m","messages":[{"role":"user","content":"Who do I write to?"}]}""", System.Text.Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
        }

        // The audit writer drains in the background: poll the admin API until the verdict shows up.
        JsonNode? item = null;
        for (var i = 0; i < 100 && item is null; i++)
        {
            var list = JsonNode.Parse(await http.GetStringAsync(admin + "/guardrail/api/verdicts?decision=redact"))!;
            item = list["items"]!.AsArray().FirstOrDefault();
            if (item is null) await Task.Delay(50);
        }
        Assert.NotNull(item);
        var id = item!["id"]!.GetValue<string>();
        var detail = JsonNode.Parse(await http.GetStringAsync($"{admin}/guardrail/api/verdicts/{id}"))!;
        var answer = detail["texts"]!.AsArray().Single(t => t!["target"]!.GetValue<string>().StartsWith("response", StringComparison.Ordinal))!["text"]!.GetValue<string>();
        Assert.DoesNotContain("jane.doe@example.com", answer, StringComparison.Ordinal); // masked by default
        Assert.Equal("Write to jane.doe@example.com for the report.".Length, answer.Length); // same length: spans still index it
        using var label = await http.PostAsync($"{admin}/guardrail/api/verdicts/{id}/labels",
            new StringContent("""{"label":"correct","note":"email redacted as it should be"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, label.StatusCode);
        var labelled = JsonNode.Parse(await http.GetStringAsync($"{admin}/guardrail/api/verdicts/{id}"))!;
        Assert.Equal("correct", Assert.Single(labelled["labels"]!.AsArray())!["label"]!.GetValue<string>());
        await app.StopAsync();
    }

    [Fact]
    public async Task Build_NoKey_AdminApiAndUiClosed()
    {
        var (app, _, admin, upstream) = await StartAsync(null);
        await using var __ = app;
        await using var ___ = upstream;

        Assert.Equal((HttpStatusCode.Unauthorized, "admin_api_disabled"), await GetAsync(admin + "/guardrail/api/verdicts", Key));
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(admin + "/guardrail/ui/", null)).Status);
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await GetAsync(admin + "/healthz", null));
        await app.StopAsync();
    }

    [Fact]
    public async Task Build_ShortAdminKey_StartFailsWithoutEchoingKey()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        var settings = new ServeSettings(upstream.BaseAddress.ToString(), $"http://127.0.0.1:{LoopbackPorts.Free()}", $"http://127.0.0.1:{LoopbackPorts.Free()}", RepoPaths.Rules, null, "short-key");
        await using var app = GuardrailApp.Build(settings, ["--Guardrail:WatchRules=false", $"--Guardrail:Toxicity:ModelsDirectory={RepoPaths.Models}"]);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("Guardrail:Admin:ApiKey must be 16 to 512 characters", error.Message);
        Assert.DoesNotContain("short-key", error.Message);
    }

    [Fact]
    public async Task Serve_ShortAdminKey_StartupErrorExit1()
    {
        var error = new StringWriter();
        var code = await GuardrailCli.RunAsync(["serve", "--listen", $"http://127.0.0.1:{LoopbackPorts.Free()}", "--admin-listen", $"http://127.0.0.1:{LoopbackPorts.Free()}",
            "--rules", RepoPaths.Rules, "--upstream", "http://127.0.0.1:9", "--admin-api-key", "short-key", "--Guardrail:WatchRules=false",
            $"--Guardrail:Toxicity:ModelsDirectory={RepoPaths.Models}", "--audit", "off"], error: error);

        Assert.Equal(1, code);
        Assert.Equal("guardrail: Guardrail:Admin:ApiKey must be 16 to 512 characters long (it has 9).", error.ToString().Trim());
    }
}
