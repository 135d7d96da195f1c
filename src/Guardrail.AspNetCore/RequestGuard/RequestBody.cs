using System.IO.Compression;
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Guardrail.AspNetCore.RequestGuard;

/// <summary>
/// Undoes a request's <c>Content-Encoding</c> so a compressed prompt is checked like any other (an upstream would
/// decode it), and forwards the decoded bytes without the header.
/// </summary>
internal static class RequestBody
{
    /// <summary>A stream decoding <paramref name="raw"/> per the request's encodings, or null for an encoding the guard cannot read.</summary>
    public static Stream? Decode(HttpRequest request, Stream raw)
    {
        var encodings = request.Headers.ContentEncoding.ToString();
        var body = raw;
        foreach (var encoding in encodings.Split(',').Reverse())
        {
            body = encoding.Trim().ToLowerInvariant() switch
            {
                "gzip" or "x-gzip" => new GZipStream(body, CompressionMode.Decompress, leaveOpen: true),
                "br" => new BrotliStream(body, CompressionMode.Decompress, leaveOpen: true),
                "deflate" => new ZLibStream(body, CompressionMode.Decompress, leaveOpen: true),
                "identity" or "" => body,
                _ => null!,
            };
            if (body is null) return null;
        }
        return body;
    }

    /// <summary>True when the request declares an encoding (the forwarded body is then the decoded one).</summary>
    public static bool IsEncoded(HttpRequest request) => !string.IsNullOrWhiteSpace(request.Headers.ContentEncoding.ToString())
        && !string.Equals(request.Headers.ContentEncoding.ToString().Trim(), "identity", StringComparison.OrdinalIgnoreCase);

    /// <summary>A read-only stream over <paramref name="bytes"/>, without copying them when they are an array's (they always are here).</summary>
    public static MemoryStream AsStream(ReadOnlyMemory<byte> bytes) =>
        MemoryMarshal.TryGetArray(bytes, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(bytes.ToArray(), writable: false);

    /// <summary>Forwards <paramref name="bytes"/> as the request body, decoded.</summary>
    public static void Replace(HttpRequest request, ReadOnlyMemory<byte> bytes)
    {
        request.Body = AsStream(bytes);
        request.ContentLength = bytes.Length;
        request.Headers.Remove(HeaderNames.ContentEncoding);
    }
}
