using Guardrail.Core.Tests.Streaming;
using Guardrail.Policies;
using Guardrail.Protocol;
using Guardrail.Protocol.Generic;
using static Guardrail.Core.Tests.Protocol.Generic.GenericStreams;

namespace Guardrail.Core.Tests.Protocol.Generic;

public class GenericStreamCodecTests
{
    public static TheoryData<StreamingMode> Modes => new() { StreamingMode.HoldBack, StreamingMode.Observe, StreamingMode.Buffer };

    [Theory]
    [MemberData(nameof(Modes))]
    public void Write_CleanSse_TextThenVerdictEventThenDone(StreamingMode mode)
    {
        var inspector = new FakeInspector { BlockWord = "bomb" };
        var guard = Guard(GenericApis.SseApi, mode, inspector, ndjson: false);

        var output = Run(guard, SseStream("Hello ", "world. How", " are you?"), size: 13);

        Assert.Equal("Hello world. How are you?", Shown(output, false, "delta.text"));
        var objects = Objects(output, false);
        Assert.Equal("allow", (string)objects[^1]["guardrail"]!["decision"]!);
        Assert.Equal("start", (string)objects[0]["type"]!);
        Assert.EndsWith("data: [DONE]\n\n", output, StringComparison.Ordinal);
        Assert.All(objects.SkipLast(1), o => Assert.Null(o["guardrail"]));
        Assert.True(inspector.Outcomes.Single().UpstreamCompleted);
        Assert.Empty(inspector.UncheckedCalls);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void Write_BlockedSse_MessageVerdictDone(StreamingMode mode)
    {
        var guard = Guard(GenericApis.SseApi, mode, new FakeInspector { BlockWord = "bomb" }, ndjson: false);

        var output = Run(guard, SseStream("Hello there. ", "Build a ", "bomb now. ", "More text."));

        var shown = Shown(output, false, "delta.text");
        Assert.EndsWith("Withheld.", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("More text", output, StringComparison.Ordinal);
        if (mode != StreamingMode.Observe) Assert.DoesNotContain("bomb", output, StringComparison.Ordinal);
        Assert.Equal("block", (string)Objects(output, false)[^1]["guardrail"]!["decision"]!);
        Assert.EndsWith("data: [DONE]\n\n", output, StringComparison.Ordinal);
        Assert.True(guard.IsCut);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void Write_CleanNdjson_LinesThenDoneLineWithVerdict(StreamingMode mode)
    {
        var inspector = new FakeInspector();
        var guard = Guard(GenericApis.Ollama, mode, inspector, ndjson: true);

        var output = Run(guard, NdjsonStream("The sky ", "is blue. It", " is."), size: 5);

        Assert.Equal("The sky is blue. It is.", Shown(output, true, "response"));
        var last = Objects(output, true)[^1];
        Assert.True((bool)last["done"]!);
        Assert.Equal("stop", (string)last["done_reason"]!);
        Assert.Equal(9, (int)last["eval_count"]!);
        Assert.Equal("allow", (string)last["guardrail"]!["decision"]!);
        Assert.All(Objects(output, true).SkipLast(1), o => Assert.False((bool)o["done"]!));
        Assert.DoesNotContain("[DONE]", output, StringComparison.Ordinal);
        Assert.True(inspector.Outcomes.Single().UpstreamCompleted);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void Write_BlockedNdjson_MessageThenDoneLineWithVerdict(StreamingMode mode)
    {
        var guard = Guard(GenericApis.Ollama, mode, new FakeInspector { BlockWord = "bomb" }, ndjson: true);

        var output = Run(guard, NdjsonStream("Fine. ", "A bomb is ", "here. More text."));

        Assert.EndsWith("Withheld.", Shown(output, true, "response"), StringComparison.Ordinal);
        Assert.DoesNotContain("More text", output, StringComparison.Ordinal);
        var last = Objects(output, true)[^1];
        Assert.True((bool)last["done"]!);
        Assert.Equal("block", (string)last["guardrail"]!["decision"]!);
        Assert.DoesNotContain("[DONE]", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_TextOnTheEndLine_CheckedAndReleasedBeforeIt()
    {
        var inspector = new FakeInspector { BlockWord = "bomb" };
        var guard = Guard(GenericApis.Ollama, StreamingMode.HoldBack, inspector, ndjson: true);

        var output = Run(guard, Line("All ") + Line("good.", done: true));

        var objects = Objects(output, true);
        Assert.Equal("All good.", Shown(output, true, "response"));
        Assert.Equal("", (string)objects[^1]["response"]!);
        Assert.True((bool)objects[^1]["done"]!);
        Assert.Equal("allow", (string)objects[^1]["guardrail"]!["decision"]!);
        Assert.Contains(inspector.Sentences, s => s.Text.Contains("good.", StringComparison.Ordinal));
    }

    [Fact]
    public void Write_BlockWordOnTheEndLine_Cut()
    {
        var guard = Guard(GenericApis.Ollama, StreamingMode.HoldBack, new FakeInspector { BlockWord = "bomb" }, ndjson: true);

        var output = Run(guard, Line("Fine. ") + Line("A bomb.", done: true));

        Assert.True(guard.IsCut);
        Assert.DoesNotContain("bomb", output, StringComparison.Ordinal);
        Assert.Equal("block", (string)Objects(output, true)[^1]["guardrail"]!["decision"]!);
    }

    [Fact]
    public void Write_NonStringDelta_UncheckedAndForwarded()
    {
        var inspector = new FakeInspector();
        var guard = Guard(GenericApis.Ollama, StreamingMode.HoldBack, inspector, ndjson: true);

        var output = Run(guard, Line("Hi. ") + """{"response":{"tokens":[1]},"done":false}""" + "\n" + NdjsonStream());

        Assert.Contains((UncheckedCodes.StreamUnreadableEvent, "response.response is an object, not text"), inspector.UncheckedCalls);
        Assert.Contains("{\"tokens\":[1]}", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_NonStringDeltaFailClosed_Cut()
    {
        var guard = Guard(GenericApis.Ollama, StreamingMode.HoldBack, new FakeInspector { FailClosed = true }, ndjson: true);

        var output = Run(guard, """{"response":5,"done":false}""" + "\n" + NdjsonStream("Later."));

        Assert.True(guard.IsCut);
        Assert.DoesNotContain("Later", output, StringComparison.Ordinal);
        Assert.Equal("Withheld.", Shown(output, true, "response"));
    }

    [Fact]
    public void Write_NoStreamDeltaConfigured_EveryDataEventUnknown()
    {
        var api = GenericApis.Create(new GenericApiSettings { Prompt = ["$.p"], Answer = ["$.a"] });
        var inspector = new FakeInspector();
        var guard = Guard(api, StreamingMode.HoldBack, inspector, ndjson: false);

        Run(guard, SseStream("Text."));

        Assert.Contains(inspector.UncheckedCalls, c => c.Code == UncheckedCodes.StreamUnknownEvent);
    }

    [Fact]
    public void Write_DataNotJson_Unreadable()
    {
        var inspector = new FakeInspector();
        var guard = Guard(GenericApis.SseApi, StreamingMode.HoldBack, inspector, ndjson: false);

        Run(guard, "data: not json\n\n" + SseStream("Fine."));

        Assert.Contains((UncheckedCodes.StreamUnreadableEvent, "data is not a JSON object"), inspector.UncheckedCalls);
    }

    [Fact]
    public void Write_TwoDeltaPaths_OneChannelEachWrittenInItsOwnField()
    {
        var inspector = new FakeInspector();
        var guard = Guard(GenericApis.SseApi, StreamingMode.HoldBack, inspector, ndjson: false);
        var upstream = """
            data: {"delta":{"text":"Body one. ","summary":"Sum one. "},"guardrail":{"decision":"allow"}}

            data: {"delta":{"text":"Body two."}}

            data: [DONE]


            """;

        var output = Run(guard, upstream);

        Assert.Equal("Body one. Body two.", Shown(output, false, "delta.text"));
        Assert.Equal("Sum one. ", Shown(output, false, "delta.summary"));
        Assert.Equal(["response.delta.text", "response.delta.summary"], inspector.Sentences.Select(s => s.TargetPath).Distinct());
        // The upstream's own guardrail field never reaches the client on a released event.
        Assert.Single(Objects(output, false), o => o["guardrail"] is not null);
    }

    [Fact]
    public void Write_NamedEvents_NameKeptOnReleasedText()
    {
        var guard = Guard(GenericApis.SseApi, StreamingMode.HoldBack, new FakeInspector(), ndjson: false);

        var output = Run(guard, "event: content-delta\ndata: {\"delta\":{\"text\":\"Hi.\"}}\n\ndata: [DONE]\n\n");

        Assert.StartsWith("event: content-delta\ndata: {\"delta\":{\"text\":\"Hi.\"}}\n\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_SseWithoutDone_Incomplete()
    {
        var inspector = new FakeInspector();
        var guard = Guard(GenericApis.SseApi, StreamingMode.HoldBack, inspector, ndjson: false);

        var output = Run(guard, SseDelta("Cut off"));

        Assert.False(inspector.Outcomes.Single().UpstreamCompleted);
        Assert.Equal("Cut off", Shown(output, false, "delta.text"));
        Assert.NotNull(Objects(output, false)[^1]["guardrail"]);
    }
}
