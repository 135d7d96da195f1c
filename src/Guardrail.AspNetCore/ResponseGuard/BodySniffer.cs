namespace Guardrail.AspNetCore.ResponseGuard;

/// <summary>Tells what a body is by its first bytes, whatever its content type claims.</summary>
internal static class BodySniffer
{
    /// <summary>True when the body starts (after white space and a BOM) with <c>{</c> or <c>[</c>.</summary>
    public static bool LooksLikeJson(ReadOnlySpan<byte> body)
    {
        var rest = Trim(body);
        return rest.Length > 0 && rest[0] is (byte)'{' or (byte)'[';
    }

    /// <summary>True when the body starts with an SSE field (<c>data:</c>, <c>event:</c>, <c>id:</c>) or comment.</summary>
    public static bool LooksLikeSse(ReadOnlySpan<byte> body)
    {
        var rest = Trim(body);
        return rest.StartsWith("data:"u8) || rest.StartsWith("event:"u8) || rest.StartsWith("id:"u8) || rest.StartsWith(":"u8);
    }

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> body)
    {
        if (body.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) body = body[3..];
        var i = 0;
        while (i < body.Length && body[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') i++;
        return body[i..];
    }
}
