using System.Text.RegularExpressions;
using K = Guardrail.Injection.InjectionKinds;

namespace Guardrail.Injection;

// Chat-template and role markers. They have no business in user text: pasted into a prompt they try to
// open a fake system turn.
internal static partial class InjectionPatterns
{
    private static InjectionPattern[] Delimiters() =>
    [
        new("tpl.im-start-system", K.DelimiterInjection, 0.9, "Opens a fake system or assistant turn with a ChatML marker.", ImStartSystem(),
            ["<|im_start|>"]),
        new("tpl.special-token", K.DelimiterInjection, 0.8, "Contains a chat-template special token.", SpecialToken(),
            ["<|"]),
        new("tpl.inst", K.DelimiterInjection, 0.8, "Contains a Llama [INST] marker.", Inst(),
            ["inst]"]),
        new("tpl.sys", K.DelimiterInjection, 0.85, "Contains a Llama <<SYS>> marker.", Sys(),
            ["sys>>"]),
        new("tpl.system-tag", K.DelimiterInjection, 0.75, "Contains a <system> tag.", SystemTag(),
            ["<system", "</system"]),
        new("tpl.system-heading", K.DelimiterInjection, 0.75, "Starts a line with a fake \"### System:\" heading.", SystemHeading(),
            ["##"]),
        new("tpl.human-assistant", K.DelimiterInjection, 0.7, "Starts a fake Human:/Assistant: turn.", HumanAssistantTurn(),
            ["human", "assistant"]),
        new("tpl.role-line", K.DelimiterInjection, 0.45, "Starts a line with a role label.", RoleLine(),
            ["system", "assistant"]),
    ];

    [GeneratedRegex(@"<\|im_start\|>\s*(?:system|assistant|developer)", Options, TimeoutMs)]
    private static partial Regex ImStartSystem();

    [GeneratedRegex(@"<\|(?:im_start|im_end|im_sep|system|assistant|user|endoftext|eot_id|start_header_id|end_header_id|begin_of_text)\|>", Options, TimeoutMs)]
    private static partial Regex SpecialToken();

    [GeneratedRegex(@"\[/?inst\]", Options, TimeoutMs)]
    private static partial Regex Inst();

    [GeneratedRegex(@"<</?sys>>", Options, TimeoutMs)]
    private static partial Regex Sys();

    [GeneratedRegex(@"</?(?:system|system_prompt|system-prompt)>", Options, TimeoutMs)]
    private static partial Regex SystemTag();

    [GeneratedRegex(@"(?m)^[ \t]*#{2,}[ \t]*(?:system|assistant|instructions?|new[ \t]+instructions|system[ \t]+prompt)[ \t]*:", Options, TimeoutMs)]
    private static partial Regex SystemHeading();

    [GeneratedRegex(@"\n[ \t]*\n[ \t]*(?:human|assistant)[ \t]*:", Options, TimeoutMs)]
    private static partial Regex HumanAssistantTurn();

    [GeneratedRegex(@"(?m)^[ \t]*(?:system|assistant)[ \t]*:[ \t]*\S", Options, TimeoutMs)]
    private static partial Regex RoleLine();
}
