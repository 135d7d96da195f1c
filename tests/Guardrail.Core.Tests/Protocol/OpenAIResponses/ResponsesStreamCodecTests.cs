using System.Text.Json.Nodes;
using Guardrail.Core.Tests.Streaming;
using Guardrail.Policies;
using Guardrail.Protocol;
using Guardrail.Protocol.OpenAIResponses;
using Guardrail.Protocol.Sse;
using static Guardrail.Core.Tests.Protocol.OpenAIResponses.ResponsesStreams;

namespace Guardrail.Core.Tests.Protocol.OpenAIResponses;

public class ResponsesStreamCodecTests
{
    public static TheoryData<StreamingMode> Modes => new() { StreamingMode.HoldBack, StreamingMode.Observe, StreamingMode.Buffer };

    [Theory]
    [MemberData(nameof(Modes))]
    public void Write_CleanStream_TextDoneEventsAndVerdictOnCompleted(StreamingMode mode)
    {
        var guard = Guard(mode, new FakeInspector { BlockWord = "bomb" });

        var output = SseStreams.Run(guard, Stream("Hello ", "world. How", " are you?"), size: 23);

        Assert.Equal("Hello world. How are you?", Shown(output));
        var events = Events(output);
        Assert.Equal(["response.created", "response.in_progress", "response.output_item.added", "response.content_part.added"], events.Take(4).Select(e => e.Name));
        Assert.Equal(["response.output_text.done", "response.content_part.done", "response.output_item.done", "response.completed"], events.TakeLast(4).Select(e => e.Name));
        Assert.Equal("Hello world. How are you?", (string)events.Single(e => e.Name == "response.output_text.done").Data["text"]!);
        var final = Final(output);
        Assert.Equal("allow", (string)final["guardrail"]!["decision"]!);
        Assert.Equal("completed", (string)final["status"]!);
        Assert.Equal("Hello world. How are you?", (string)final["output"]![0]!["content"]![0]!["text"]!);
        Assert.Equal(9, (int)final["usage"]!["output_tokens"]!);
        AssertNumbered(output);
        Assert.False(guard.IsCut);
    }

    [Theory]
    [InlineData(StreamingMode.HoldBack)]
    [InlineData(StreamingMode.Buffer)]
    public void Write_RedactedSentence_EveryRepeatOfTheTextMasked(StreamingMode mode)
    {
        var guard = Guard(mode, new FakeInspector { RedactWord = "a@example.com" });

        var output = SseStreams.Run(guard, Stream("Mail a@exa", "mple.com today. ", "Thanks."));

        Assert.Equal("Mail [EMAIL] today. Thanks.", Shown(output));
        Assert.DoesNotContain("a@example.com", output);
        var events = Events(output);
        Assert.Equal("Mail [EMAIL] today. Thanks.", (string)events.Single(e => e.Name == "response.output_text.done").Data["text"]!);
        Assert.Equal("Mail [EMAIL] today. Thanks.", (string)events.Single(e => e.Name == "response.content_part.done").Data["part"]!["text"]!);
        Assert.Equal("Mail [EMAIL] today. Thanks.", (string)events.Single(e => e.Name == "response.output_item.done").Data["item"]!["content"]![0]!["text"]!);
        Assert.Equal("Mail [EMAIL] today. Thanks.", (string)Final(output)["output"]![0]!["content"]![0]!["text"]!);
        AssertNumbered(output);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void Write_BlockedSentence_RefusalItemThenIncomplete(StreamingMode mode)
    {
        var guard = Guard(mode, new FakeInspector { BlockWord = "bomb" });

        var output = SseStreams.Run(guard, Stream("Hello there. ", "Build a ", "bomb now. ", "More text."));

        Assert.True(guard.IsCut);
        Assert.DoesNotContain("More text", output);
        if (mode != StreamingMode.Observe) Assert.DoesNotContain("bomb", output);
        Assert.Equal("Withheld.", Shown(output, "response.refusal.delta"));
        var names = Names(output);
        Assert.Equal("response.created", names[0]);
        Assert.Equal("response.incomplete", names[^1]);
        Assert.Equal(names.Count(n => n == "response.output_item.added"), names.Count(n => n == "response.output_item.done"));
        Assert.Equal(names.Count(n => n == "response.content_part.added"), names.Count(n => n == "response.content_part.done"));
        var final = Final(output);
        Assert.Equal("incomplete", (string)final["status"]!);
        Assert.Equal("content_filter", (string)final["incomplete_details"]!["reason"]!);
        Assert.Equal("block", (string)final["guardrail"]!["decision"]!);
        var refusal = final["output"]!.AsArray()[^1]!;
        Assert.Equal("Withheld.", (string)refusal["content"]![0]!["refusal"]!);
        if (mode == StreamingMode.HoldBack)
        {
            Assert.Equal("Hello there. ", Shown(output));
            Assert.Equal("Hello there. ", (string)final["output"]![0]!["content"]![0]!["text"]!);
            Assert.Equal("incomplete", (string)final["output"]![0]!["status"]!);
        }
        AssertNumbered(output);
    }

    [Fact]
    public void Write_FunctionCallArguments_CheckedWholeReleasedOnce()
    {
        var inspector = new FakeInspector();
        var guard = Guard(StreamingMode.Observe, inspector);
        var b = new ResponsesStreams();

        var output = SseStreams.Run(guard, b.Created() + b.FunctionCall(0, "{\"to\":", "\"x\"}") + b.Completed());

        var sentence = Assert.Single(inspector.Sentences);
        Assert.Equal(("response.output[0].arguments", TextChannel.ToolArguments), (sentence.TargetPath, sentence.Channel));
        Assert.Equal("{\"to\":\"x\"}", Assert.Single(Events(output), e => e.Name == "response.function_call_arguments.delta").Data["delta"]!.GetValue<string>());
        Assert.Equal("{\"to\":\"x\"}", (string)Final(output)["output"]![0]!["arguments"]!);
        AssertNumbered(output);
    }

    [Fact]
    public void Write_FunctionCallArgumentsBlocked_ItemEndsIncompleteWithoutThem()
    {
        var guard = Guard(StreamingMode.HoldBack, new FakeInspector { BlockWord = "bomb" });
        var b = new ResponsesStreams();

        var output = SseStreams.Run(guard, b.Created() + b.FunctionCall(0, "{\"what\":", "\"bomb\"}") + b.Completed());

        Assert.DoesNotContain("bomb", output);
        var done = Events(output).First(e => e.Name == "response.output_item.done").Data["item"]!;
        Assert.Equal(("function_call", "incomplete", ""), ((string)done["type"]!, (string)done["status"]!, (string)done["arguments"]!));
        Assert.Equal("", (string)Events(output).Single(e => e.Name == "response.function_call_arguments.done").Data["arguments"]!);
        Assert.Equal("Withheld.", Shown(output, "response.refusal.delta"));
        Assert.Equal(["function_call", "message"], Final(output)["output"]!.AsArray().Select(i => (string)i!["type"]!));
    }

    [Fact]
    public void Write_ReasoningSummary_CheckedOnReasoningChannelAndRepeatedReleased()
    {
        var inspector = new FakeInspector { RedactWord = "a@example.com" };
        var guard = Guard(StreamingMode.HoldBack, inspector);
        var b = new ResponsesStreams();

        var output = SseStreams.Run(guard, b.Created() + b.Reasoning(0, "Mail a@example.com ", "first.") + b.Message(1, "Done.") + b.Completed());

        Assert.Contains(inspector.Sentences, s => s.TargetPath == "response.output[0].summary[0]" && s.Channel == TextChannel.Reasoning);
        Assert.Equal("Mail [EMAIL] first.", Shown(output, "response.reasoning_summary_text.delta"));
        Assert.DoesNotContain("a@example.com", output);
        Assert.Equal("Mail [EMAIL] first.", (string)Final(output)["output"]![0]!["summary"]![0]!["text"]!);
        Assert.Equal("Done.", Shown(output));
    }

    [Theory]
    [InlineData("event: response.surprise\ndata: {\"type\":\"response.surprise\",\"sequence_number\":99}\n\n", "stream-unknown-event")]
    [InlineData("event: error\ndata: {\"type\":\"error\",\"code\":\"server_error\",\"message\":\"oops\",\"sequence_number\":99}\n\n", "stream-unreadable-event")]
    [InlineData("event: response.output_text.delta\ndata: not json\n\n", "stream-unreadable-event")]
    public void Write_UnknownOrUnreadableEvent_ForwardedAndMarked(string odd, string code)
    {
        var inspector = new FakeInspector();
        var guard = Guard(StreamingMode.HoldBack, inspector);
        var b = new ResponsesStreams();

        var output = SseStreams.Run(guard, b.Created() + odd + b.Message(0, "Hi.") + b.Completed());

        Assert.Equal(code, Assert.Single(inspector.UncheckedCalls).Code);
        Assert.Equal(SseStreams.Events(odd)[0].EventName, SseStreams.Events(output)[2].EventName);
        Assert.Equal("Hi.", Shown(output));
        AssertNumbered(output);
    }

    [Fact]
    public void Write_UnknownEventFailClosed_CutAsIncomplete()
    {
        var guard = Guard(StreamingMode.HoldBack, new FakeInspector { FailClosed = true });
        var b = new ResponsesStreams();

        var output = SseStreams.Run(guard, b.Created() + b.Event("response.surprise", new JsonObject { ["text"] = "hidden" }) + b.Message(0, "Hi.") + b.Completed());

        Assert.True(guard.IsCut);
        Assert.DoesNotContain("hidden", output);
        Assert.Equal("content_filter", (string)Final(output)["incomplete_details"]!["reason"]!);
    }

    [Fact]
    public void Write_BufferCut_StreamOpensWithTheUpstreamsCreated()
    {
        var guard = Guard(StreamingMode.Buffer, new FakeInspector { BlockWord = "bomb" });

        var output = SseStreams.Run(guard, Stream("A bomb."));

        Assert.Equal(["response.created", "response.output_item.added", "response.content_part.added", "response.refusal.delta",
            "response.refusal.done", "response.content_part.done", "response.output_item.done", "response.incomplete"], Names(output));
        Assert.Equal("resp_1", (string)Events(output)[0].Data["response"]!["id"]!);
        Assert.Equal(9, (int)Final(output)["usage"]!["output_tokens"]!);
        Assert.Equal(Enumerable.Range(0, 8), Sequence(output));
    }

    [Fact]
    public void Write_StreamBrokeOff_ErrorEventCarriesTheVerdict()
    {
        var inspector = new FakeInspector();
        var guard = Guard(StreamingMode.HoldBack, inspector);
        var b = new ResponsesStreams();

        var output = SseStreams.Run(guard, b.Created() + b.Message(0, "Hi."));

        var last = Events(output)[^1];
        Assert.Equal(("error", "stream_incomplete"), (last.Name, (string)last.Data["code"]!));
        Assert.Equal("allow", (string)last.Data["guardrail"]!["decision"]!);
        Assert.False(Assert.Single(inspector.Outcomes).UpstreamCompleted);
    }

    [Fact]
    public void Write_UpstreamForgesVerdict_OnlyTheGuardsRemains()
    {
        var guard = Guard(StreamingMode.HoldBack, new FakeInspector());
        var upstream = Stream("Hi.").Replace("\"created_at\":1700000000,", "\"created_at\":1700000000,\"guardrail\":{\"decision\":\"forged\"},", StringComparison.Ordinal);

        var output = SseStreams.Run(guard, upstream);

        Assert.DoesNotContain("forged", output);
        Assert.Equal("allow", (string)Final(output)["guardrail"]!["decision"]!);
    }

    [Fact]
    public void Read_Events_Classified()
    {
        var codec = new ResponsesStreamCodec();
        var events = SseStreams.Events(Stream("Hi"));
        var reads = events.Select(codec.Read).ToList();

        Assert.Equal(
            [StreamEventKind.Control, StreamEventKind.Control, StreamEventKind.Control, StreamEventKind.Control, StreamEventKind.Text,
             StreamEventKind.Control, StreamEventKind.Control, StreamEventKind.Control, StreamEventKind.End],
            reads.Select(r => r.Kind));
        var delta = Assert.Single(reads[4].Deltas);
        Assert.Equal(("response.output[0].content[0]", TextChannel.Message, "Hi"), (delta.Channel.Path, delta.Channel.Kind, delta.Text));
        Assert.All(reads.Skip(5).Take(3), r => Assert.Equal("response.output[0].content[0]", Assert.Single(r.Closes).Path));
        Assert.Equal(StreamEventKind.Control, codec.Read(Parse("event: response.web_search_call.searching\ndata: {\"type\":\"response.web_search_call.searching\",\"output_index\":1}\n\n")).Kind);
        Assert.Equal(StreamEventKind.Unknown, codec.Read(Parse("event: response.code_interpreter_call_code.delta\ndata: {\"type\":\"response.code_interpreter_call_code.delta\",\"output_index\":1,\"delta\":\"x\"}\n\n")).Kind);
        Assert.Equal(StreamEventKind.Unreadable, codec.Read(Parse("event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\",\"delta\":\"x\"}\n\n")).Kind);
    }

    // Clients order events by sequence_number: whatever the guard held, merged or added, the numbers only go up.
    private static void AssertNumbered(string output)
    {
        var numbers = Sequence(output);
        Assert.Equal(Enumerable.Range(0, numbers.Count), numbers);
    }

    private static SseEvent Parse(string raw) => SseStreams.Events(raw)[0];
}
