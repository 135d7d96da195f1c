using Guardrail.Testing;
using Guardrail.Testing.Admin;
using Microsoft.Playwright;

namespace Guardrail.AspNetCore.UiTests.Admin.Ui;

/// <summary>
/// Debian's headless Chromium driven by Playwright, and the guard with its admin listener over a seeded in-memory
/// audit store. A missing browser fails every test with a clear message: these tests never skip and never download.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    /// <summary>Where Debian's <c>chromium</c> package puts the browser; <c>GUARDRAIL_CHROMIUM</c> overrides it.</summary>
    public static string ExecutablePath => Environment.GetEnvironmentVariable("GUARDRAIL_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;
    public FakeUpstream Upstream { get; private set; } = null!;
    public AdminProxy Host { get; private set; } = null!;
    public InMemoryAuditStore Store { get; } = new InMemoryAuditStore().Seed([.. AuditSamples.All(), UiSamples.Hostile]);

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"Chromium is not installed at {ExecutablePath}. The UI tests need Debian's headless Chromium: " +
                "run `apt-get install chromium` (.ci/run installs it when missing), or set GUARDRAIL_CHROMIUM to a Chromium binary. " +
                "They never download a browser.");
        }
        // Belt and braces: nothing in these tests may fetch a browser build.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
        Upstream = await FakeUpstream.StartAsync();
        Host = await AdminProxy.StartAsync(Upstream.BaseAddress, Store);
    }

    /// <summary>A fresh browser context (its own session storage) with a page that records console errors and page errors.</summary>
    public async Task<(IBrowserContext Context, IPage Page, List<string> Errors)> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Host.AdminAddress.ToString() });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            // A 401 the page provokes on purpose is logged by Chromium as a failed resource; anything else is a bug.
            if (message.Type == "error" && !message.Text.Contains("401", StringComparison.Ordinal)) errors.Add(message.Text);
        };
        page.PageError += (_, error) => errors.Add(error);
        return (context, page, errors);
    }

    public async Task DisposeAsync()
    {
        if (Host is not null) await Host.DisposeAsync();
        if (Upstream is not null) await Upstream.DisposeAsync();
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
