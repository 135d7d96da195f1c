using System.Net;
using System.Text.RegularExpressions;
using Guardrail.Testing.Admin;

namespace Guardrail.AspNetCore.Tests.Admin;

/// <summary>The UI's static files: embedded, typed, under a strict Content-Security-Policy, with nothing inline or remote.</summary>
public sealed partial class AdminUiAssetsTests(AdminApiFixture fixture) : IClassFixture<AdminApiFixture>
{
    [Theory]
    [InlineData("/guardrail/ui/", "text/html")]
    [InlineData("/guardrail/ui/index.html", "text/html")]
    [InlineData("/guardrail/ui/app.js", "text/javascript")]
    [InlineData("/guardrail/ui/app.css", "text/css")]
    public async Task Get_Asset_ServedWithTypeAndStrictCsp(string path, string type)
    {
        using var client = fixture.Host.AdminClient(key: null);

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType!.MediaType);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.NotNull(response.Headers.ETag);
    }

    [Fact]
    public async Task Get_UiWithoutSlash_RedirectsToFolder()
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = fixture.Host.AdminAddress };

        using var response = await client.GetAsync("/guardrail/ui");

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/guardrail/ui/", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Get_SameETag_304()
    {
        using var client = fixture.Host.AdminClient(key: null);
        using var first = await client.GetAsync("/guardrail/ui/app.js");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/guardrail/ui/app.js");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        using var second = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }

    [Theory]
    [InlineData("/guardrail/ui/missing.js")]
    [InlineData("/guardrail/ui/../api/verdicts")]
    [InlineData("/guardrail/ui/Guardrail.AspNetCore.dll")]
    public async Task Get_UnknownAsset_404(string path)
    {
        using var client = fixture.Host.AdminClient(key: null);

        using var response = await client.GetAsync(path);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Index_NoInlineScriptStyleOrRemoteUrl()
    {
        using var client = fixture.Host.AdminClient(key: null);
        var html = await client.GetStringAsync("/guardrail/ui/");
        var js = await client.GetStringAsync("/guardrail/ui/app.js");
        var css = await client.GetStringAsync("/guardrail/ui/app.css");

        Assert.All(ScriptTag().Matches(html), m => Assert.Matches("src=\"app.js\"", m.Value));
        Assert.DoesNotContain("<style", html);
        Assert.DoesNotContain("style=", html);
        Assert.DoesNotMatch(@"\son[a-z]+=", html);
        foreach (var text in new[] { html, js, css }) Assert.DoesNotMatch("(https?:)?//[a-z0-9.-]+\\.[a-z]{2,}", text);
        // Data reaches the page as text, never as markup.
        Assert.DoesNotContain("innerHTML", js);
        Assert.DoesNotContain("outerHTML", js);
        Assert.DoesNotContain("insertAdjacentHTML", js);
        Assert.DoesNotContain("document.write", js);
        Assert.DoesNotContain("eval(", js);
    }

    [GeneratedRegex("<script[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();
}
