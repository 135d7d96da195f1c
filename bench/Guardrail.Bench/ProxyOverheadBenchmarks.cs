using Microsoft.Extensions.DependencyInjection;
using System.Net.Http.Headers;
using System.Text;
using BenchmarkDotNet.Attributes;
using Guardrail.Testing;

namespace Guardrail.Bench;

/// <summary>
/// What the guard adds to one chat call: the same request through a bare YARP passthrough and through the
/// guarded proxy, both on Kestrel loopback in front of the same upstream, side by side in one run.
/// </summary>
/// <remarks>
/// Client, proxies and upstream share this process and the machine's cores, so absolute times include the
/// upstream and the client; the difference between the arms is the guard (request and response inspection,
/// verdict, headers, metrics), and that difference is what the target (≤ 0.5 ms at p50) is about.
/// </remarks>
[Config(typeof(BenchConfig))]
[SimpleJob(launchCount: 1, warmupCount: 5, iterationCount: 20)]
[MemoryDiagnoser]
public class ProxyOverheadBenchmarks
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly byte[] _readBuffer = new byte[16 * 1024];
    private Api _chat = null!;
    private Api _messages = null!;
    private Api _responses = null!;
    private BenchUpstream _upstream = null!;
    private BareProxy _bareProxy = null!;
    private GuardedProxy _guardedProxy = null!;
    private string _auditFile = null!;
    private string _rules = null!;
    private HttpClient _bare = null!;
    private HttpClient _guarded = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _chat = new("v1/chat/completions", Completions.Request(BenchTexts.ShortPrompt), Completions.Request(BenchTexts.ShortPrompt, stream: true), "data: [DONE]");
        _messages = new("v1/messages", AnthropicUpstream.Request(BenchTexts.ShortPrompt).ToJsonString(),
            AnthropicUpstream.Request(BenchTexts.ShortPrompt, stream: true).ToJsonString(), "event: message_stop");
        _responses = new("v1/responses", ResponsesRequest(stream: false), ResponsesRequest(stream: true), "event: response.completed");
        _upstream = await BenchUpstream.StartAsync(BenchTexts.Answer);
        _bareProxy = await BareProxy.StartAsync(_upstream.BaseAddress);
        // The shipped rules/ folder and the default policy (hold-back streaming), as a fresh install runs — audit trail
        // included: `serve` writes every verdict to a SQLite file by default, and the hot path pays for building and
        // queueing the record (the background writer drains it off the request path).
        _auditFile = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"guardrail-bench-{Guid.NewGuid():N}.db");
        // GUARDRAIL_BENCH_AUDIT=off measures the guard without it, for the side-by-side in bench/README.md.
        var audit = !string.Equals(Environment.GetEnvironmentVariable("GUARDRAIL_BENCH_AUDIT"), "off", StringComparison.OrdinalIgnoreCase);
        // GUARDRAIL_BENCH_TOXICITY=off runs the same policy without the toxicity rules, to show what the seam costs alone.
        var toxicity = !string.Equals(Environment.GetEnvironmentVariable("GUARDRAIL_BENCH_TOXICITY"), "off", StringComparison.OrdinalIgnoreCase);
        _rules = toxicity ? RepoPaths.Rules : RulesWithout("toxicity");
        _guardedProxy = await GuardedProxy.StartAsync(_upstream.BaseAddress, _rules, "default", s =>
        {
            if (!audit) return;
            s.AddGuardrailAuditStore(o => o.ConnectionString = $"Data Source={_auditFile}");
            s.AddGuardrailAudit();
        });
        _bare = CreateClient(_bareProxy.BaseAddress);
        _guarded = CreateClient(_guardedProxy.BaseAddress);
        await VerifyAsync();
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _bare.Dispose();
        _guarded.Dispose();
        await _guardedProxy.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var f in Directory.GetFiles(System.IO.Path.GetDirectoryName(_auditFile)!, System.IO.Path.GetFileName(_auditFile) + "*")) File.Delete(f);
        await _bareProxy.DisposeAsync();
        await _upstream.DisposeAsync();
        if (_rules != RepoPaths.Rules) Directory.Delete(_rules, recursive: true);
    }

    // A copy of the shipped rules folder without one check's rules (policies and schemas kept).
    private static string RulesWithout(string folder)
    {
        var target = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"guardrail-bench-rules-{Guid.NewGuid():N}");
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Rules, "*", SearchOption.AllDirectories))
        {
            var relative = System.IO.Path.GetRelativePath(RepoPaths.Rules, file);
            if (relative.StartsWith(folder + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal)) continue;
            var to = System.IO.Path.Combine(target, relative);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
        return target;
    }

    [Benchmark(Baseline = true), BenchmarkCategory("completion")]
    public Task<int> Bare() => PostAsync(_bare, _chat);

    [Benchmark, BenchmarkCategory("completion")]
    public Task<int> Guarded() => PostAsync(_guarded, _chat);

    [Benchmark(Baseline = true), BenchmarkCategory("stream")]
    public Task<int> BareStream() => StreamAsync(_bare, _chat);

    [Benchmark, BenchmarkCategory("stream")]
    public Task<int> GuardedStream() => StreamAsync(_guarded, _chat);

    [Benchmark(Baseline = true), BenchmarkCategory("anthropic")]
    public Task<int> BareAnthropic() => PostAsync(_bare, _messages);

    [Benchmark, BenchmarkCategory("anthropic")]
    public Task<int> GuardedAnthropic() => PostAsync(_guarded, _messages);

    [Benchmark(Baseline = true), BenchmarkCategory("anthropic-stream")]
    public Task<int> BareAnthropicStream() => StreamAsync(_bare, _messages);

    [Benchmark, BenchmarkCategory("anthropic-stream")]
    public Task<int> GuardedAnthropicStream() => StreamAsync(_guarded, _messages);

    [Benchmark(Baseline = true), BenchmarkCategory("responses")]
    public Task<int> BareResponses() => PostAsync(_bare, _responses);

    [Benchmark, BenchmarkCategory("responses")]
    public Task<int> GuardedResponses() => PostAsync(_guarded, _responses);

    [Benchmark(Baseline = true), BenchmarkCategory("responses-stream")]
    public Task<int> BareResponsesStream() => StreamAsync(_bare, _responses);

    [Benchmark, BenchmarkCategory("responses-stream")]
    public Task<int> GuardedResponsesStream() => StreamAsync(_guarded, _responses);

    private static string ResponsesRequest(bool stream) =>
        new System.Text.Json.Nodes.JsonObject { ["model"] = "fake-model", ["input"] = BenchTexts.ShortPrompt, ["stream"] = stream }.ToJsonString();

    // One API's arm: its path, the buffered and streamed request bodies, and the event that ends its stream.
    private sealed record Api(string Path, byte[] Request, byte[] StreamRequest, string StreamEnd)
    {
        public Api(string path, string request, string streamRequest, string streamEnd)
            : this(path, Encoding.UTF8.GetBytes(request), Encoding.UTF8.GetBytes(streamRequest), streamEnd) { }
    }

    private static HttpClient CreateClient(Uri baseAddress) => new(new SocketsHttpHandler
    {
        // One kept-alive connection reused for every call: connection setup is not what is measured.
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
        UseProxy = false,
        AutomaticDecompression = System.Net.DecompressionMethods.None,
    })
    {
        BaseAddress = baseAddress,
    };

    private static async Task<int> PostAsync(HttpClient client, Api api)
    {
        using var content = new ByteArrayContent(api.Request);
        content.Headers.ContentType = Json;
        using var response = await client.PostAsync(api.Path, content);
        response.EnsureSuccessStatusCode();
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return bytes.Length;
    }

    private async Task<int> StreamAsync(HttpClient client, Api api)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, api.Path) { Content = new ByteArrayContent(api.StreamRequest) };
        request.Content.Headers.ContentType = Json;
        // Headers first, then the body as it arrives, as an SDK reading a stream does.
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync();
        var total = 0;
        int n;
        while ((n = await stream.ReadAsync(_readBuffer)) > 0) total += n;
        return total;
    }

    // Fails the run rather than timing a refusal or a redaction: both arms must carry the whole clean answer.
    private async Task VerifyAsync()
    {
        foreach (var (name, client, api) in new[] { ("bare", _bare, _chat), ("guarded", _guarded, _chat), ("bare", _bare, _messages), ("guarded", _guarded, _messages), ("bare", _bare, _responses), ("guarded", _guarded, _responses) })
        {
            using var content = new ByteArrayContent(api.Request);
            content.Headers.ContentType = Json;
            using var response = await client.PostAsync(api.Path, content);
            var text = await response.Content.ReadAsStringAsync();
            var decision = response.Headers.TryGetValues("x-guardrail-decision", out var d) ? d.First() : null;
            if (!response.IsSuccessStatusCode || !text.Contains(BenchTexts.Answer[^60..], StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{name}: HTTP {(int)response.StatusCode}, answer missing: {text}");
            }
            if (name == "guarded" && decision != "allow") throw new InvalidOperationException($"guarded: decision {decision}: {text}");

            using var request = new HttpRequestMessage(HttpMethod.Post, api.Path) { Content = new ByteArrayContent(api.StreamRequest) };
            request.Content.Headers.ContentType = Json;
            using var streamed = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            var sse = await streamed.Content.ReadAsStringAsync();
            if (!streamed.IsSuccessStatusCode || !sse.Contains(api.StreamEnd, StringComparison.Ordinal) || sse.Contains("content_filter", StringComparison.Ordinal) || sse.Contains("refusal", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{name} stream: HTTP {(int)streamed.StatusCode}: {sse}");
            }
            if (name == "guarded" && !sse.Contains("\"guardrail\"", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"guarded stream: no verdict in the last chunk: {sse}");
            }
        }
    }
}
