using System.Text.Json.Nodes;
using Guardrail.Core.Tests.Streaming;
using Guardrail.Policies;
using Guardrail.Protocol;
using Guardrail.Protocol.Anthropic;
using Guardrail.Protocol.Sse;
using static Guardrail.Core.Tests.Protocol.Anthropic.MessagesStreams;

namespace Guardrail.Core.Tests.Protocol.Anthropic;

public class MessagesStreamCodecTests
{
    public static TheoryData<StreamingMode> Modes => new() { StreamingMode.HoldBack, StreamingMode.Observe, StreamingMode.Buffer };

    [Theory]
    [MemberData(nameof(Modes))]
    public void Write_CleanStream_AllTextBeforeStopVerdictOnMessageDelta(StreamingMode mode)
    {
        var inspector = new FakeInspector { BlockWord = "bomb" };
        var guard = Guard(mode, inspector);

        var output = SseStreams.Run(guard, Stream("Hello ", "world. How", " are you?"), size: 17);

        Assert.Equal("Hello world. How are you?", ShownText(output));
        var names = Names(output);
        Assert.Equal("message_start", names[0]);
        Assert.Equal(["content_block_stop", "message_delta", "message_stop"], names[^3..]);
        Assert.True(names.LastIndexOf("content_block_delta") < names.IndexOf("content_block_stop"));
        var delta = Events(output).Single(e => e.Name == "message_delta").Data;
        Assert.Equal("allow", (string)delta["guardrail"]!["decision"]!);
        Assert.Equal("end_turn", (string)delta["delta"]!["stop_reason"]!);
        Assert.Equal(9, (int)delta["usage"]!["output_tokens"]!);
        Assert.False(guard.IsCut);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void Write_BlockedSentence_RefusalEndingEveryBlockClosed(StreamingMode mode)
    {
        var guard = Guard(mode, new FakeInspector { BlockWord = "bomb" });

        var output = SseStreams.Run(guard, Stream("Hello there. ", "Build a ", "bomb now. ", "More text."));

        var shown = ShownText(output);
        Assert.DoesNotContain("More text", shown);
        Assert.EndsWith("Withheld.", shown);
        if (mode != StreamingMode.Observe) Assert.DoesNotContain("bomb", output);
        var names = Names(output);
        Assert.Equal("message_start", names[0]);
        Assert.Equal(["content_block_stop", "message_delta", "message_stop"], names[^3..]);
        Assert.Equal(names.Count(n => n == "content_block_start"), names.Count(n => n == "content_block_stop"));
        var delta = Events(output).Single(e => e.Name == "message_delta").Data;
        Assert.Equal("refusal", (string)delta["delta"]!["stop_reason"]!);
        Assert.Equal("block", (string)delta["guardrail"]!["decision"]!);
        Assert.True(guard.IsCut);
    }

    [Fact]
    public void Write_HoldBack_BlockTextReleasedBeforeItsStop()
    {
        var guard = Guard(StreamingMode.HoldBack, new FakeInspector());
        var upstream = Start() + BlockStart(0) + TextDelta(0, "No full stop here") + BlockStop(0) + BlockStart(1) + TextDelta(1, "Second.") + BlockStop(1) + End();

        var output = SseStreams.Run(guard, upstream);

        var names = Names(output);
        Assert.Equal(
            ["message_start", "content_block_start", "content_block_delta", "content_block_stop", "content_block_start", "content_block_delta", "content_block_stop", "message_delta", "message_stop"],
            names);
        Assert.Equal("No full stop here", ShownText(output, 0));
        Assert.Equal("Second.", ShownText(output, 1));
    }

    [Fact]
    public void Write_BlockedInLastBlockAtStop_OpenBlockGetsMessageThenStop()
    {
        var guard = Guard(StreamingMode.HoldBack, new FakeInspector { BlockWord = "bomb" });
        var upstream = Start() + BlockStart(0) + TextDelta(0, "Fine. A bomb") + BlockStop(0) + End();

        var output = SseStreams.Run(guard, upstream);

        Assert.Equal("Fine. \nWithheld.", ShownText(output));
        Assert.Equal(1, Names(output).Count(n => n == "content_block_stop"));
    }

    [Fact]
    public void Write_ToolInputBlocked_MessageInNewTextBlock()
    {
        var guard = Guard(StreamingMode.HoldBack, new FakeInspector { BlockWord = "bomb" });
        var upstream = Start() + BlockStart(0, "tool_use") + Json(0, "{\"what\":") + Json(0, "\"bomb\"}") + BlockStop(0) + End();

        var output = SseStreams.Run(guard, upstream);

        Assert.DoesNotContain("bomb", output);
        var events = Events(output);
        Assert.Equal(["message_start", "content_block_start", "content_block_stop", "content_block_start", "content_block_delta", "content_block_stop", "message_delta", "message_stop"], events.Select(e => e.Name));
        Assert.Equal("Withheld.", ShownText(output, 1));
    }

    [Fact]
    public void Write_BufferCut_StreamOpensWithMessageStart()
    {
        var guard = Guard(StreamingMode.Buffer, new FakeInspector { BlockWord = "bomb" });

        var output = SseStreams.Run(guard, Stream("A bomb."));

        Assert.Equal(["message_start", "content_block_start", "content_block_delta", "content_block_stop", "message_delta", "message_stop"], Names(output));
        Assert.Equal("msg_1", (string)Events(output)[0].Data["message"]!["id"]!);
        Assert.Equal("Withheld.", ShownText(output));
    }

    [Fact]
    public void Write_ToolInput_ReleasedWholeAsInputJsonDelta()
    {
        var inspector = new FakeInspector();
        var guard = Guard(StreamingMode.HoldBack, inspector);
        var upstream = Start() + BlockStart(0, "tool_use") + Json(0, "{\"a\":") + Json(0, "1}") + BlockStop(0) + End();

        var output = SseStreams.Run(guard, upstream);

        var deltas = Events(output).Where(e => e.Name == "content_block_delta").Select(e => e.Data["delta"]!).ToList();
        Assert.Equal("{\"a\":1}", string.Concat(deltas.Select(d => (string)d["partial_json"]!)));
        Assert.All(deltas, d => Assert.Equal("input_json_delta", (string)d["type"]!));
        Assert.Equal("response.content[0].input", Assert.Single(inspector.Sentences).TargetPath);
    }

    [Theory]
    [InlineData("event: surprise\ndata: {\"type\":\"surprise\"}\n\n", "stream-unknown-event")]
    [InlineData("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\"}}\n\n", "stream-unreadable-event")]
    [InlineData("event: content_block_delta\ndata: not json\n\n", "stream-unreadable-event")]
    public void Write_UnknownOrUnreadableEvent_ForwardedAndMarked(string odd, string code)
    {
        var inspector = new FakeInspector();
        var guard = Guard(StreamingMode.HoldBack, inspector);

        var output = SseStreams.Run(guard, Start() + BlockStart(0) + TextDelta(0, "Hi.") + odd + BlockStop(0) + End());

        Assert.Equal(code, Assert.Single(inspector.UncheckedCalls).Code);
        Assert.Contains(odd, output);
        Assert.Equal("Hi.", ShownText(output));
    }

    [Fact]
    public void Write_UnknownEventFailClosed_Cut()
    {
        var guard = Guard(StreamingMode.HoldBack, new FakeInspector { FailClosed = true });

        var output = SseStreams.Run(guard, Start() + BlockStart(0) + "event: surprise\ndata: {}\n\n" + TextDelta(0, "Hi.") + BlockStop(0) + End());

        Assert.True(guard.IsCut);
        Assert.DoesNotContain("surprise", output);
        Assert.Equal("refusal", (string)Events(output).Single(e => e.Name == "message_delta").Data["delta"]!["stop_reason"]!);
    }

    [Fact]
    public void Read_Events_Classified()
    {
        var codec = new MessagesStreamCodec();
        StreamRead Read(string raw) => codec.Read(Parse(raw));

        Assert.Equal(StreamEventKind.Control, Read(Start()).Kind);
        Assert.Equal(StreamEventKind.Control, Read(BlockStart(0)).Kind);
        var text = Read(TextDelta(0, "Hi"));
        Assert.Equal(StreamEventKind.Text, text.Kind);
        Assert.Equal(("response.content[0]", TextChannel.Message), (text.Deltas[0].Channel.Path, text.Deltas[0].Channel.Kind));
        Assert.Equal("response.content[0]", Assert.Single(Read(BlockStop(0)).Closes).Path);
        Assert.Equal(StreamEventKind.Control, Read(Ping()).Kind);
        Assert.Equal(StreamEventKind.Control, Read(Event("content_block_delta", """{"type":"content_block_delta","index":1,"delta":{"type":"signature_delta","signature":"x"}}""")).Kind);
        var thinking = Read(Event("content_block_delta", """{"type":"content_block_delta","index":1,"delta":{"type":"thinking_delta","thinking":"Hm"}}"""));
        Assert.Equal(TextChannel.Reasoning, thinking.Deltas[0].Channel.Kind);
        Assert.Equal(StreamEventKind.Hold, Read(Event("message_delta", """{"type":"message_delta","delta":{}}""")).Kind);
        Assert.Equal(StreamEventKind.End, Read(Event("message_stop", """{"type":"message_stop"}""")).Kind);
    }

    private static SseEvent Parse(string raw)
    {
        var parser = new SseParser();
        parser.Feed(System.Text.Encoding.UTF8.GetBytes(raw));
        Assert.True(parser.TryRead(out var evt));
        return evt;
    }
}
