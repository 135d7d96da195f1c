namespace Guardrail.ML.Data;

/// <summary>Deterministic splits by a stable hash of the text, for data sets without an official split.</summary>
/// <remarks>Hashing the text (not the row number) keeps duplicates on one side and survives reordering of the file.</remarks>
public static class HashSplit
{
    /// <summary>A stable 64-bit FNV-1a hash of the UTF-16 code units of <paramref name="text"/>.</summary>
    public static ulong Hash(string text)
    {
        var h = 14695981039346656037UL;
        foreach (var c in text)
        {
            h = (h ^ (byte)c) * 1099511628211UL;
            h = (h ^ (byte)(c >> 8)) * 1099511628211UL;
        }
        return h;
    }

    /// <summary>The bucket 0–99 of <paramref name="text"/>.</summary>
    public static int Bucket(string text) => (int)(Hash(text) % 100);

    /// <summary>Train below <paramref name="trainPercent"/>, dev below train+dev, test above.</summary>
    public static Split Of(string text, int trainPercent, int devPercent)
    {
        var b = Bucket(text);
        return b < trainPercent ? Split.Train : b < trainPercent + devPercent ? Split.Dev : Split.Test;
    }
}
