using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Guardrail.Storage.Sql;

/// <summary>The opaque paging cursor: the (time, id) of the last row of a page, newest-first keyset order.</summary>
internal static class AuditCursor
{
    private const string Prefix = "v1:";

    public static string Encode(DateTimeOffset time, string id) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{Prefix}{time.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}:{id}"));

    /// <summary>The cursor's position; throws <see cref="ArgumentException"/> for anything this class did not write.</summary>
    public static (DateTimeOffset Time, string Id) Decode(string cursor)
    {
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException)
        {
            throw Invalid();
        }
        if (!text.StartsWith(Prefix, StringComparison.Ordinal)) throw Invalid();
        var rest = text.AsSpan(Prefix.Length);
        var colon = rest.IndexOf(':');
        if (colon <= 0 || colon == rest.Length - 1
            || !long.TryParse(rest[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            || ms > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            throw Invalid();
        }
        return (DateTimeOffset.FromUnixTimeMilliseconds(ms), rest[(colon + 1)..].ToString());
    }

    private static ArgumentException Invalid() => new("The cursor is not one this store returned.", "query");
}
