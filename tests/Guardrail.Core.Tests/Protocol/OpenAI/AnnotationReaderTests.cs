using System.Text;
using Guardrail.Grounding;
using Guardrail.Protocol.OpenAI;

namespace Guardrail.Core.Tests.Protocol.OpenAI;

public sealed class AnnotationReaderTests
{
    [Fact]
    public void TryRead_UrlCitationAnnotations_OnTheTarget()
    {
        var ok = ChatCompletionReader.TryRead(Encoding.UTF8.GetBytes("""
            {"object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"It opened in 1937.",
              "annotations":[
                {"type":"url_citation","url_citation":{"url":"https://nps.gov/b","title":"Bridge","start_index":0,"end_index":18}},
                {"type":"file_citation","file_citation":{"file_id":"f1"}},
                {"type":"url_citation","url":"https://top.example","start_index":3}
              ]}}]}
            """), out var info, out var error);

        Assert.True(ok, error);
        Assert.Equal([new AnswerAnnotation("https://nps.gov/b", "Bridge", 0, 18), new AnswerAnnotation("https://top.example", null, 3, 3)],
            info!.Targets.Single().Annotations!);
    }

    [Fact]
    public void TryRead_NoAnnotations_Null()
    {
        ChatCompletionReader.TryRead(Encoding.UTF8.GetBytes("""
            {"object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"Hi.","annotations":[]}}]}
            """), out var info, out _);

        Assert.Null(info!.Targets.Single().Annotations);
    }
}
