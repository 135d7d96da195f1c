using OpenAI.Chat;

namespace Guardrail.AspNetCore.Tests.Sdk;

/// <summary>Reads a streamed chat answer as an SDK user does: the text of every update and the first finish reason.</summary>
internal static class ChatStreaming
{
    public static async Task<(string Text, ChatFinishReason? Finish)> ReadAsync(
        IAsyncEnumerable<StreamingChatCompletionUpdate> updates, Action<StreamingChatCompletionUpdate>? each = null)
    {
        var text = "";
        ChatFinishReason? finish = null;
        await foreach (var update in updates)
        {
            foreach (var part in update.ContentUpdate) text += part.Text;
            finish ??= update.FinishReason;
            each?.Invoke(update);
        }
        return (text, finish);
    }
}
