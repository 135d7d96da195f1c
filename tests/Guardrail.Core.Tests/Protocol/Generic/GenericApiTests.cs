using Guardrail.Protocol.Generic;

namespace Guardrail.Core.Tests.Protocol.Generic;

public class GenericApiTests
{
    [Fact]
    public void TryCreate_Valid_PathsNormalisedAndParsed()
    {
        var api = GenericApis.Ollama;

        Assert.Equal(["/api/generate"], api.Paths);
        Assert.Equal(["$.prompt", "$.system", "$.messages[*].content"], api.Prompt.Select(p => p.Text));
        Assert.Equal("$.done", api.StreamEnd!.Text);
    }

    [Fact]
    public void TryCreate_EveryProblem_ListedWithItsKey()
    {
        var settings = new GenericApiSettings
        {
            Paths = ["api/generate"],
            Answer = ["$..text", "$.ok"],
            StreamDelta = ["$.a[?(@)]"],
            StreamEnd = "done",
        };

        Assert.False(GenericApi.TryCreate("bad name", "Guardrail:Apis:bad name", settings, out var api, out var errors));

        Assert.Null(api);
        Assert.Collection(errors,
            e => Assert.Contains("the name must be", e, StringComparison.Ordinal),
            e => Assert.StartsWith("Guardrail:Apis:bad name:Paths[0] 'api/generate' must be a path suffix starting with '/'", e, StringComparison.Ordinal),
            e => Assert.StartsWith("Guardrail:Apis:bad name:Prompt needs at least one JSON path", e, StringComparison.Ordinal),
            e => Assert.StartsWith("Guardrail:Apis:bad name:Answer[0] '$..text' is not a supported JSON path (at position 3: recursive descent", e, StringComparison.Ordinal),
            e => Assert.StartsWith("Guardrail:Apis:bad name:StreamDelta[0] '$.a[?(@)]' is not a supported JSON path", e, StringComparison.Ordinal),
            e => Assert.Contains("StreamEnd 'done' is not a supported JSON path (a path starts with '$'); supported: $, .name", e, StringComparison.Ordinal));
    }
}
