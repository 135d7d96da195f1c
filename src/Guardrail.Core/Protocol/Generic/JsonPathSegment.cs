namespace Guardrail.Protocol.Generic;

/// <summary>What one step of a <see cref="JsonPath"/> selects.</summary>
public enum JsonPathSegmentKind
{
    /// <summary>An object member by name (<c>.name</c> or <c>['name']</c>).</summary>
    Name,
    /// <summary>An array element by position (<c>[n]</c>).</summary>
    Index,
    /// <summary>Every element of an array or every member of an object (<c>[*]</c>).</summary>
    Wildcard,
}

/// <summary>One step of a <see cref="JsonPath"/>.</summary>
/// <param name="Kind">What it selects.</param>
/// <param name="Name">The member name, for <see cref="JsonPathSegmentKind.Name"/>.</param>
/// <param name="Index">The position, for <see cref="JsonPathSegmentKind.Index"/>.</param>
public readonly record struct JsonPathSegment(JsonPathSegmentKind Kind, string? Name = null, int Index = 0)
{
    /// <summary>The segment as the path syntax writes it: <c>.name</c>, <c>['odd name']</c>, <c>[3]</c> or <c>[*]</c>.</summary>
    public override string ToString() => Kind switch
    {
        JsonPathSegmentKind.Name when IsPlainName(Name!) => "." + Name,
        JsonPathSegmentKind.Name => "['" + Name!.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "']",
        JsonPathSegmentKind.Index => $"[{Index}]",
        _ => "[*]",
    };

    /// <summary>True for names the dot form can write: a letter or <c>_</c>, then letters, digits, <c>_</c> or <c>-</c>.</summary>
    public static bool IsPlainName(string name)
    {
        if (name.Length == 0 || !(char.IsAsciiLetter(name[0]) || name[0] == '_')) return false;
        foreach (var c in name) if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-')) return false;
        return true;
    }
}
