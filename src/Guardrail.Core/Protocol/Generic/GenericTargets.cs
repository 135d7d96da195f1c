using System.Text.Json;
using System.Text.Json.Nodes;
using Guardrail.Detection;
using Guardrail.Protocol.OpenAI;

namespace Guardrail.Protocol.Generic;

/// <summary>Turns what a generic API's paths select into targets: strings are texts, nulls are nothing, anything else cannot be read.</summary>
internal static class GenericTargets
{
    /// <summary>Every non-null value the paths select, in path order, each location once.</summary>
    public static List<JsonPathMatch> Select(JsonNode root, IEnumerable<JsonPath> paths)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var matches = new List<JsonPathMatch>();
        foreach (var path in paths)
        {
            foreach (var match in path.Select(root))
            {
                if (match.Value is not null && seen.Add(match.Path)) matches.Add(match);
            }
        }
        return matches;
    }

    /// <summary>
    /// Adds the string matches as targets named <paramref name="prefix"/> + location; a match that is not a string is
    /// noted in <paramref name="unreadable"/> (a number, an object: the text checks cannot read it).
    /// </summary>
    public static void Add(IEnumerable<JsonPathMatch> matches, string prefix, Direction direction, TextChannel channel, TargetList targets, List<string> unreadable)
    {
        foreach (var match in matches)
        {
            var path = prefix + match.Path;
            if (JsonBody.String(match.Value) is not { } text)
            {
                unreadable.Add($"{path} is {KindOf(match.Value)}, not text");
                continue;
            }
            var (role, kind) = RoleOf(match, direction, channel);
            targets.Add(new TextTarget(path, direction, role, text) { Channel = kind }, masked => match.Write(masked));
        }
    }

    // A chat-like message ({"role": …, "content": …}) keeps its role, so system text is treated as system text.
    private static (string Role, TextChannel Channel) RoleOf(JsonPathMatch match, Direction direction, TextChannel channel)
    {
        if (direction == Direction.Response) return ("assistant", channel);
        if (match.Value?.Parent is JsonObject owner && JsonBody.String(owner["role"]) is { Length: > 0 and <= 40 } role)
        {
            return (role, ChatRequestReader.ChannelOf(role));
        }
        return ("user", channel);
    }

    /// <summary>A JSON value's kind for a reason text (never its content).</summary>
    public static string KindOf(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.String => "a string",
        _ => "null",
    };
}
