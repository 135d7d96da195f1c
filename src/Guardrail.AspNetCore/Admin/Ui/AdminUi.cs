using System.Security.Cryptography;
using Guardrail.AspNetCore.Admin.Api;
using Microsoft.AspNetCore.Http;

namespace Guardrail.AspNetCore.Admin.Ui;

/// <summary>
/// <c>/guardrail/ui</c> on the admin listener: three static files embedded in the assembly, served with a strict
/// Content-Security-Policy (no inline script or style, no other origin). The page holds no data; it asks for the API
/// key and calls <c>/guardrail/api</c> with it.
/// </summary>
internal sealed class AdminUi
{
    /// <summary>Everything from this origin only; nothing inline; no framing, forms or plugins.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private const string ResourcePrefix = "Guardrail.AspNetCore.Admin.Ui.";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        ["index.html"] = "text/html; charset=utf-8",
        ["app.css"] = "text/css; charset=utf-8",
        ["app.js"] = "text/javascript; charset=utf-8",
    };

    private readonly Dictionary<string, (byte[] Body, string ContentType, string ETag)> _files = [];
    private readonly AdminApiKey _key;

    public AdminUi(AdminApiKey key)
    {
        _key = key;
        var assembly = typeof(AdminUi).Assembly;
        foreach (var (name, contentType) in ContentTypes)
        {
            using var stream = assembly.GetManifestResourceStream(ResourcePrefix + name)
                ?? throw new InvalidOperationException($"Embedded UI file {name} is missing from {assembly.GetName().Name}.");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var body = copy.ToArray();
            _files[name] = (body, contentType, "\"" + Convert.ToHexString(SHA256.HashData(body))[..16] + "\"");
        }
    }

    public Task HandleAsync(HttpContext context)
    {
        var response = context.Response;
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.XFrameOptions = "DENY";
        response.Headers["Referrer-Policy"] = "no-referrer";
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            response.Headers.Allow = "GET, HEAD";
            return Task.CompletedTask;
        }
        if (!_key.Enabled)
        {
            // Closed rather than open: the page would be useless, and saying why saves a search.
            response.StatusCode = StatusCodes.Status401Unauthorized;
            response.ContentType = "text/plain; charset=utf-8";
            return response.WriteAsync(_key.ExplicitlyDisabled
                ? "The Guardrail explanation UI is disabled by configuration (Guardrail:Admin:Enabled is false).\n"
                : "The Guardrail explanation UI is disabled: no admin API key is configured (set Guardrail:Admin:ApiKey, the Guardrail__Admin__ApiKey environment variable, or serve --admin-api-key).\n");
        }

        var path = context.Request.Path.Value ?? "";
        if (path.Length == 0)
        {
            // Relative links in the page resolve against /guardrail/ui/, so the folder form is the canonical one.
            response.StatusCode = StatusCodes.Status302Found;
            response.Headers.Location = $"{context.Request.PathBase}/{context.Request.QueryString}";
            return Task.CompletedTask;
        }
        var name = path == "/" ? "index.html" : path[1..];
        if (!_files.TryGetValue(name, out var file))
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        response.Headers.CacheControl = "no-cache";
        response.Headers.ETag = file.ETag;
        if (context.Request.Headers.IfNoneMatch == file.ETag)
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }
        response.ContentType = file.ContentType;
        response.ContentLength = file.Body.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(file.Body, context.RequestAborted).AsTask();
    }
}
