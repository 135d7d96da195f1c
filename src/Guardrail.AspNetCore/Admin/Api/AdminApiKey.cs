using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Guardrail.AspNetCore.Admin.Api;

/// <summary>The outcome of checking a request's admin key.</summary>
internal enum AdminKeyCheck
{
    /// <summary>No key is configured or the API is switched off.</summary>
    Disabled,
    /// <summary>The request carries no key.</summary>
    Missing,
    /// <summary>The request carries a key that is not the configured one.</summary>
    Invalid,
    /// <summary>The request carries the configured key.</summary>
    Valid,
}

/// <summary>
/// Checks the admin API key. Both sides are hashed with SHA-256 first and compared with
/// <see cref="CryptographicOperations.FixedTimeEquals"/>, so neither the key's content nor its length shows in timing.
/// </summary>
internal sealed class AdminApiKey
{
    /// <summary>The header that carries the key (<c>Authorization: Bearer</c> works too).</summary>
    public const string HeaderName = "X-Guardrail-Api-Key";

    private readonly byte[]? _hash;

    public AdminApiKey(IOptions<GuardrailAdminOptions> options)
    {
        var o = options.Value;
        ExplicitlyDisabled = o.Enabled == false;
        _hash = o.ApiEnabled ? SHA256.HashData(Encoding.UTF8.GetBytes(o.ApiKey!)) : null;
    }

    /// <summary>True when the API serves at all.</summary>
    public bool Enabled => _hash is not null;

    /// <summary>True when configuration switched the API off (as opposed to no key being set).</summary>
    public bool ExplicitlyDisabled { get; }

    /// <summary>Checks the key <paramref name="request"/> carries.</summary>
    public AdminKeyCheck Check(HttpRequest request)
    {
        if (_hash is null) return AdminKeyCheck.Disabled;
        var presented = Presented(request);
        if (presented is null) return AdminKeyCheck.Missing;
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(presented), hash);
        return CryptographicOperations.FixedTimeEquals(hash, _hash) ? AdminKeyCheck.Valid : AdminKeyCheck.Invalid;
    }

    // A repeated header is an invalid key, not a missing one: the caller clearly tried to authenticate.
    private static string? Presented(HttpRequest request)
    {
        var header = request.Headers[HeaderName];
        if (header.Count > 0) return header.Count == 1 ? header[0] ?? "" : "";
        var authorization = request.Headers.Authorization;
        if (authorization.Count == 0) return null;
        var value = authorization.Count == 1 ? authorization[0] ?? "" : "";
        const string bearer = "Bearer ";
        return value.StartsWith(bearer, StringComparison.OrdinalIgnoreCase) ? value[bearer.Length..].Trim() : "";
    }
}
