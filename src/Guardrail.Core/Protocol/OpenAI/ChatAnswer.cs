namespace Guardrail.Protocol.OpenAI;

/// <summary>A buffered chat completion as the adapter contract sees it.</summary>
internal sealed class ChatAnswer(ChatCompletionInfo info) : AdapterAnswer(info.Root, info.TargetList)
{
    public override void Apply(AnswerRewrite rewrite) => ChatCompletionRewriter.Apply(info, rewrite);
}
