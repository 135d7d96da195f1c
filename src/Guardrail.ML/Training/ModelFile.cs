using System.IO.Compression;
using System.Security.Cryptography;

namespace Guardrail.ML.Training;

/// <summary>Makes saved ML.NET models byte-for-byte reproducible.</summary>
/// <remarks>ML.NET stamps zip entries with the current time; rewriting them with a fixed time makes equal weights give equal bytes.</remarks>
public static class ModelFile
{
    private static readonly DateTimeOffset Stamp = new(2026, 11, 28, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Rewrites the zip at <paramref name="path"/> with fixed entry timestamps, keeping entry order.</summary>
    public static void Normalize(string path)
    {
        var entries = new List<(string Name, byte[] Bytes)>();
        using (var zip = ZipFile.OpenRead(path))
        {
            foreach (var e in zip.Entries)
            {
                using var s = e.Open();
                using var ms = new MemoryStream();
                s.CopyTo(ms);
                entries.Add((e.FullName, ms.ToArray()));
            }
        }
        using var output = new FileStream(path, FileMode.Create);
        using var archive = new ZipArchive(output, ZipArchiveMode.Create);
        foreach (var (name, bytes) in entries)
        {
            var entry = archive.CreateEntry(name, CompressionLevel.SmallestSize);
            entry.LastWriteTime = Stamp;
            using var s = entry.Open();
            s.Write(bytes);
        }
    }

    /// <summary>The first 7 hex digits of the SHA-256 of the given files' bytes, in order.</summary>
    public static string ShortHash(IEnumerable<string> paths)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var p in paths) sha.AppendData(File.ReadAllBytes(p));
        return Convert.ToHexStringLower(sha.GetHashAndReset())[..7];
    }
}
