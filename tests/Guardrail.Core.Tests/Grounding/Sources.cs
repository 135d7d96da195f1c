using Guardrail.Grounding;

namespace Guardrail.Core.Tests.Grounding;

/// <summary>Source sets used across grounding tests.</summary>
internal static class Sources
{
    public const string Bridge = "The Golden Gate Bridge opened to traffic in 1937. It was painted International Orange.";
    public const string Tower = "The Eiffel Tower was completed in 1889 in Paris. It was designed by the engineering firm of Gustave Eiffel.";
    public const string BridgeZh = "金门大桥在1937年5月27日正式通车。大桥被漆成国际橙色。";

    public static Source S(string id, string text, string? url = null) => new(id, null, url, text, "test");

    public static SourceSet Set(params Source[] sources) => new(sources);

    public static SourceSet Set(SourceOptions options, params Source[] sources) => new(sources) { Options = options };

    /// <summary>Bridge as source 1, tower as source 2.</summary>
    public static SourceSet Two() => Set(S("1", Bridge), S("2", Tower));
}
