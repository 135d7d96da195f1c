using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Guardrail.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Guardrail.Server.Tests.Hosting;

/// <summary>The serve host's log: the framework's per-request lines are at Warning unless configuration says otherwise.</summary>
public sealed class ServeLoggingTests
{
    private static readonly string[] PerRequestCategories = ["Microsoft.AspNetCore", "Yarp", "System.Net.Http.HttpClient"];

    [Fact]
    public async Task Serve_ProxiedRequest_NoFrameworkInformationLinesByDefault()
    {
        var lines = await ProxyOneRequestAsync(new Dictionary<string, string?>());

        Assert.Contains(lines, l => l.Category.StartsWith("Guardrail", StringComparison.Ordinal)); // the capture works
        Assert.DoesNotContain(lines, l => l.Level <= LogLevel.Information && PerRequestCategories.Any(c => l.Category.StartsWith(c, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Serve_LogLevelConfigured_FrameworkInformationLinesBack()
    {
        var lines = await ProxyOneRequestAsync(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Yarp"] = "Information",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Information",
        });

        Assert.Contains(lines, l => l.Level == LogLevel.Information && l.Category.StartsWith("Yarp.ReverseProxy.Forwarder", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Level == LogLevel.Information && l.Category.StartsWith("Microsoft.AspNetCore.Hosting", StringComparison.Ordinal));
    }

    private static async Task<IReadOnlyList<(string Category, LogLevel Level)>> ProxyOneRequestAsync(Dictionary<string, string?> settings)
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Answer = "Paris.";
        var capture = new CaptureProvider();
        settings["Guardrail:Upstream"] = upstream.BaseAddress.ToString().TrimEnd('/');
        settings["Guardrail:RulesDirectory"] = RepoPaths.Rules;
        settings["Guardrail:Toxicity:ModelsDirectory"] = RepoPaths.Models;
        settings["Guardrail:WatchRules"] = "false";
        settings["Guardrail:Audit:Enabled"] = "false";
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Testing");
            web.ConfigureAppConfiguration(c => c.AddInMemoryCollection(settings));
            web.ConfigureLogging(l => l.AddProvider(capture));
        });
        var response = await factory.CreateClient().PostAsync("/v1/chat/completions", new StringContent(Completions.Request("capital of France?"), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(upstream.RequestBodies);
        return [.. capture.Lines];
    }

    private sealed class CaptureProvider : ILoggerProvider
    {
        public ConcurrentQueue<(string Category, LogLevel Level)> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<(string, LogLevel)> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue((category, logLevel));
        }
    }
}
