using System.IO.Compression;

namespace Guardrail.AspNetCore.ResponseGuard;

/// <summary>
/// Undoes upstream content encodings. The request guard already strips Accept-Encoding on guarded routes,
/// but upstreams may compress regardless, and YARP does not decompress for us (DESIGN.md §12).
/// </summary>
internal static class ContentDecoding
{
    /// <summary>A stream of decoded bytes, or null when an encoding is not supported.</summary>
    public static Stream? Open(Stream body, ICollection<string> encodings)
    {
        // Encodings are listed in the order applied, so undo them in reverse.
        foreach (var encoding in encodings.Reverse())
        {
            body = encoding.Trim().ToLowerInvariant() switch
            {
                "gzip" or "x-gzip" => new GZipStream(body, CompressionMode.Decompress),
                "br" => new BrotliStream(body, CompressionMode.Decompress),
                "deflate" => new ZLibStream(body, CompressionMode.Decompress),
                "identity" or "" => body,
                _ => null!,
            };
            if (body is null) return null;
        }
        return body;
    }
}
