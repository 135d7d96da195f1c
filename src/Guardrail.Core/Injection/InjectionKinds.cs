namespace Guardrail.Injection;

/// <summary>The signal kinds the <c>injection</c> detector reports: one per pattern family, plus the combined score.</summary>
public static class InjectionKinds
{
    /// <summary>Attempts to make the model drop its instructions ("ignore all previous instructions").</summary>
    public const string InstructionOverride = "instruction-override";

    /// <summary>Attempts to make the model reveal its system prompt or initial instructions.</summary>
    public const string SystemPromptExfiltration = "system-prompt-exfiltration";

    /// <summary>Persona jailbreaks: DAN, developer mode, "an AI without restrictions".</summary>
    public const string RolePlayJailbreak = "role-play-jailbreak";

    /// <summary>Fake chat-template or role markers inside user text (<c>&lt;|im_start|&gt;system</c>, <c>[INST]</c>).</summary>
    public const string DelimiterInjection = "delimiter-injection";

    /// <summary>Whole-text signal whose score combines the strongest match of every family.</summary>
    public const string Combined = "combined";

    /// <summary>Every pattern family.</summary>
    public static IReadOnlyList<string> Families { get; } =
        [InstructionOverride, SystemPromptExfiltration, RolePlayJailbreak, DelimiterInjection];
}
