using Guardrail.Grounding;
using YamlDotNet.RepresentationModel;

namespace Guardrail.Rules.Loading;

/// <summary>Parses a test case's <c>sources:</c> list (<c>- { id: "1", text: "…", title?, url? }</c>), reporting every error.</summary>
internal static class TestSources
{
    private static readonly string[] Keys = ["id", "text", "title", "url"];

    /// <summary>The sources, in order; null when the list has errors.</summary>
    public static List<Source>? Parse(YamlFile y, YamlNode node)
    {
        if (node is not YamlSequenceNode seq)
        {
            y.Error(node, "'sources' must be a list of { id, text } sources");
            return null;
        }
        var before = y.ErrorCount;
        var sources = new List<Source>();
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < seq.Children.Count; i++)
        {
            if (y.Mapping(seq.Children[i], "a test source") is not { } map) continue;
            var keys = y.Keys(map, Keys, "test source");
            y.Require(map, keys, "id", "text");
            var id = keys.TryGetValue("id", out var idKv) ? y.String(idKv.Value, "id") : null;
            var text = keys.TryGetValue("text", out var t) ? y.String(t.Value, "text") : null;
            var title = keys.TryGetValue("title", out var ti) ? y.String(ti.Value, "title", required: false) : null;
            var url = keys.TryGetValue("url", out var u) ? y.String(u.Value, "url", required: false) : null;
            if (id is not null && id.Trim().Length == 0)
            {
                y.Error(idKv.Value, "'id' must not be empty");
                id = null;
            }
            if (id is not null && !ids.Add(id)) y.Error(idKv.Value, $"duplicate source id '{id}' in this test case");
            if (id is not null && text is not null) sources.Add(new Source(id, title, url, text, $"tests.sources[{i}]"));
        }
        if (seq.Children.Count == 0) y.Error(node, "'sources' needs at least one source");
        return y.ErrorCount == before ? sources : null;
    }
}
