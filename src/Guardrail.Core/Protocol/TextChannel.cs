namespace Guardrail.Protocol;

/// <summary>Which kind of text a target is, whatever API carried it (DESIGN.md §2: typed locations).</summary>
public enum TextChannel
{
    /// <summary>Message text a person or the model wrote (a chat message, a content part, an output text).</summary>
    Message,
    /// <summary>System, developer or <c>instructions</c> text.</summary>
    System,
    /// <summary>Arguments of a tool or function call (OpenAI <c>tool_calls</c>, Anthropic <c>tool_use</c> input), usually JSON.</summary>
    ToolArguments,
    /// <summary>What a tool returned (indirect prompt injection arrives here).</summary>
    ToolResult,
    /// <summary>Reasoning text the model exposes (<c>reasoning_content</c>, thinking blocks).</summary>
    Reasoning,
    /// <summary>A refusal the model wrote.</summary>
    Refusal,
    /// <summary>A document the caller attached (Anthropic <c>document</c> blocks).</summary>
    Document,
    /// <summary>A bare prompt string (legacy completions, generic APIs).</summary>
    Prompt,
}
