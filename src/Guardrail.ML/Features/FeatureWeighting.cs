using System.IO.Compression;

namespace Guardrail.ML.Features;

/// <summary>
/// Per-feature scales learnt on a model's training split: IDF or NB log-count ratios (Wang &amp; Manning 2012).
/// They multiply the sublinear tf before the per-block L2 normalisation, at training and at scoring alike.
/// </summary>
public static class FeatureWeighting
{
    /// <summary>Smoothed IDF: ln((1 + N) / (1 + df)) + 1.</summary>
    public const string Idf = "idf";

    /// <summary>|r| with r = log((p/|p|1) / (q/|q|1)), p and q the binarised feature counts of positives and negatives plus α = 1.</summary>
    public const string NaiveBayes = "nb";

    /// <summary>1 + |r|: NB ratios that keep neutral features instead of zeroing them.</summary>
    public const string NaiveBayesDamped = "nb1";

    /// <summary>IDF × (1 + |r|).</summary>
    public const string IdfNaiveBayesDamped = "idf-nb1";

    /// <summary>Computes the scale vector of <paramref name="weighting"/> from the feature indices of the training rows.</summary>
    public static float[] Compute(string weighting, int dimensions, IReadOnlyList<int[]> indices, IReadOnlyList<bool> labels)
    {
        var scale = new float[dimensions];
        switch (weighting)
        {
            case Idf:
            {
                var df = new int[dimensions];
                foreach (var row in indices) foreach (var i in row) df[i]++;
                var n = indices.Count;
                for (var i = 0; i < dimensions; i++) scale[i] = (float)(Math.Log((1.0 + n) / (1.0 + df[i])) + 1);
                return scale;
            }
            case NaiveBayes or NaiveBayesDamped or IdfNaiveBayesDamped:
            {
                var p = new double[dimensions];
                var q = new double[dimensions];
                Array.Fill(p, 1.0);
                Array.Fill(q, 1.0);
                for (var r = 0; r < indices.Count; r++)
                {
                    var counts = labels[r] ? p : q;
                    foreach (var i in indices[r]) counts[i]++;
                }
                var pSum = p.Sum();
                var qSum = q.Sum();
                var damped = weighting != NaiveBayes;
                for (var i = 0; i < dimensions; i++) scale[i] = (float)((damped ? 1 : 0) + Math.Abs(Math.Log(p[i] / pSum / (q[i] / qSum))));
                if (weighting == IdfNaiveBayesDamped)
                {
                    var idf = Compute(Idf, dimensions, indices, labels);
                    for (var i = 0; i < dimensions; i++) scale[i] *= idf[i];
                }
                return scale;
            }
            default:
                throw new ArgumentException($"unknown feature weighting '{weighting}'", nameof(weighting));
        }
    }

    /// <summary>Writes the scales as gzip-compressed little-endian float32.</summary>
    public static void Save(string path, float[] scale)
    {
        using var file = new FileStream(path, FileMode.Create);
        using var gz = new GZipStream(file, CompressionLevel.SmallestSize);
        gz.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(scale.AsSpan()));
    }

    /// <summary>Reads scales written by <see cref="Save"/>; throws unless there are exactly <paramref name="dimensions"/>.</summary>
    public static float[] Load(string path, int dimensions)
    {
        var scale = new float[dimensions];
        using var file = File.OpenRead(path);
        using var gz = new GZipStream(file, CompressionMode.Decompress);
        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(scale.AsSpan());
        gz.ReadExactly(bytes);
        if (gz.ReadByte() != -1) throw new InvalidDataException($"{path}: more than {dimensions} scales");
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("feature scales are stored little-endian");
        return scale;
    }
}
