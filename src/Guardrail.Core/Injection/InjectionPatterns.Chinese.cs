using System.Text.RegularExpressions;
using K = Guardrail.Injection.InjectionKinds;

namespace Guardrail.Injection;

// Chinese cues. An override needs a qualifier (之前/以上/所有/你的...) before the noun, so everyday requests
// such as 忽略这个错别字 ("ignore this typo") do not match.
internal static partial class InjectionPatterns
{
    private static InjectionPattern[] Chinese() =>
    [
        new("zh.ignore-previous", K.InstructionOverride, 0.9, "要求模型忽略之前的指令 (asks the model to ignore its previous instructions).", ZhIgnorePrevious(),
            ["忽略", "无视", "忽视", "漠视", "不要理会", "不用理会", "别理会", "不要管", "别管", "抛开", "抛弃", "放弃", "丢弃", "绕过", "跳过", "废除", "覆盖"]),
        new("zh.forget-everything", K.InstructionOverride, 0.85, "要求模型忘记被告知的内容 (asks the model to forget what it was told).", ZhForgetEverything(),
            ["忘记", "忘掉", "忘了", "忘却"]),
        new("zh.stop-obeying", K.InstructionOverride, 0.8, "告诉模型不再遵守规则 (tells the model to stop obeying its rules).", ZhStopObeying(),
            ["规则", "指令", "限制", "准则", "政策", "规定", "约束", "道德", "伦理"]),
        new("zh.new-instructions", K.InstructionOverride, 0.6, "宣布新的指令 (announces replacement instructions).", ZhNewInstructions(),
            ["指令", "系统提示"]),
        new("zh.reveal-your-prompt", K.SystemPromptExfiltration, 0.9, "要求输出系统提示词 (asks the model to reveal its system prompt).", ZhRevealYourPrompt(),
            ZhRevealGate),
        new("zh.reveal-initial", K.SystemPromptExfiltration, 0.75, "要求输出初始或隐藏指令 (asks for initial or hidden instructions).", ZhRevealInitial(),
            ["初始", "原始", "最初", "隐藏", "预设", "内部指令"]),
        new("zh.what-is-your-prompt", K.SystemPromptExfiltration, 0.8, "询问模型的系统提示词 (asks what the system prompt is).", ZhWhatIsYourPrompt(),
            ["是什么", "是啥", "有哪些", "写了什么", "内容是"]),
        new("zh.repeat-above", K.SystemPromptExfiltration, 0.65, "要求重复上面的内容 (asks the model to repeat the text above).", ZhRepeatAbove(),
            ["重复", "复述", "输出", "打印"]),
        new("zh.no-limits-persona", K.RolePlayJailbreak, 0.9, "让模型扮演没有限制的AI (casts the model as an AI without restrictions).", ZhNoLimitsPersona(),
            ["限制", "约束", "审查", "过滤", "道德", "规则", "伦理", "底线", "束缚", "准则"]),
        new("zh.answer-without-limits", K.RolePlayJailbreak, 0.85, "要求不受限制地回答 (asks for answers without restrictions).", ZhAnswerWithoutLimits(),
            ["限制", "约束", "审查", "过滤", "道德", "伦理", "规则"]),
        new("zh.developer-mode-persona", K.RolePlayJailbreak, 0.85, "让模型进入开发者模式 (puts the model into developer mode).", ZhDeveloperModePersona(),
            ["开发者模式"]),
        new("zh.chatgpt-developer-mode", K.RolePlayJailbreak, 0.85, "让ChatGPT以开发者模式运行 (runs ChatGPT in developer mode).", ZhChatGptDeveloperMode(),
            ["开发者模式"]),
        new("zh.no-moral-limits", K.RolePlayJailbreak, 0.85, "要求不受道德或法律限制 (asks to be free of moral or legal limits).", ZhNoMoralLimits(),
            ["不受任何"]),
        new("zh.amoral-bot", K.RolePlayJailbreak, 0.8, "描述一个无道德、未经过滤的聊天机器人 (describes an amoral, unfiltered chatbot).", ZhAmoralBot(),
            ["未经过滤", "无道德", "不道德", "无过滤", "没有道德"]),
        new("zh.ignore-legality", K.RolePlayJailbreak, 0.7, "要求不考虑合法性或道德 (asks to disregard legality or morals).", ZhIgnoreLegality(),
            ["合法性", "道德", "伦理"]),
        new("zh.developer-mode-enabled", K.RolePlayJailbreak, 0.6, "声称开发者模式已启用 (claims developer mode is enabled).", ZhDeveloperModeEnabled(),
            ["开发者模式"]),
        new("zh.developer-mode", K.RolePlayJailbreak, 0.4, "提到开发者模式 (mentions developer mode).", ZhDeveloperMode(),
            ["开发者模式"]),
        new("zh.jailbroken", K.RolePlayJailbreak, 0.9, "告诉模型已被越狱 (tells the model it has been jailbroken).", ZhJailbroken(),
            ["越狱"]),
        new("zh.jailbreak-mode", K.RolePlayJailbreak, 0.8, "要求越狱模式 (asks for jailbreak mode).", ZhJailbreakMode(),
            ["越狱模式"]),
        new("zh.you-are-dan", K.RolePlayJailbreak, 0.9, "让模型成为DAN (asks the model to become DAN).", ZhYouAreDan(),
            ["你现在是", "你现在就是", "你是", "扮演", "成为", "充当"]),
        new("zh.unrestricted-ai", K.RolePlayJailbreak, 0.65, "提到不受限制的AI (mentions an unrestricted AI).", ZhUnrestrictedAi(),
            ["无限制", "不受限制", "不受约束", "无审查", "未经审查", "无过滤"]),
    ];

    private const string ZhQualifier = "之前|以前|先前|此前|早前|前面|上面|以上|上述|上文|原来|原先|原有|原本|最初|初始|所有|全部|一切|任何|你的|您的|系统|给你的|收到的|接收到的|得到的|遇到的|设定的";
    private const string ZhRuleNoun = "指令|指示|命令|规则|提示词|提示|设定|约束|限制|规定|要求|说明|准则|指南|指引|政策|编程|一切|所有内容";

    [GeneratedRegex(@"(?:忽略|无视|忽视|漠视|不要理会|不用理会|别理会|不要管|别管|抛开|抛弃|放弃|丢弃|绕过|跳过|废除|覆盖)(?:掉)?(?:你|您)?(?:(?:" + ZhQualifier + @"|的|了|\s)){0,6}(?:" + ZhQualifier + @")(?:的)?(?:系统|安全)?(?:" + ZhRuleNoun + ")", Options, TimeoutMs)]
    private static partial Regex ZhIgnorePrevious();

    [GeneratedRegex(@"(?:忘记|忘掉|忘了|忘却)(?:你|您)?(?:(?:之前|以前|先前|此前|上面|刚才)?(?:被告知|被教导?|学到|所学|收到|被设定|被要求|被训练)(?:过)?的(?:所有|全部|一切)|(?:之前|以前|先前|此前|上面)的?(?:所有|全部|一切)|(?:所有|全部|一切)的?(?:指令|规则|设定|限制))", Options, TimeoutMs)]
    private static partial Regex ZhForgetEverything();

    [GeneratedRegex(@"不(?:再|用|必|需要?)去?(?:遵守|遵循|服从|理会|受)(?:任何|你的|您的|之前的|原有的|原来的|所有的?|人类的|社会的)+(?:规则|指令|限制|准则|政策|规定|约束|道德|伦理)", Options, TimeoutMs)]
    private static partial Regex ZhStopObeying();

    [GeneratedRegex(@"(?:你的)?新的?(?:指令|系统提示词?)(?:是|如下|:)", Options, TimeoutMs)]
    private static partial Regex ZhNewInstructions();

    private const string ZhReveal = "告诉我|告诉|输出|打印|显示|展示|重复|泄露|泄漏|透露|给我看|说出|复述|列出|公开|发给我|写出|念出|背诵|给出|提供";
    private const string ZhPromptNoun = @"系统提示词|系统提示语|系统提示|系统指令|系统消息|系统设定|系统prompt|system\s?prompt|初始指令|初始提示词?|原始指令|原始提示词?|最初的?指令|隐藏的?指令|隐藏的?提示词?|预设提示词?|预设指令|内部指令";
    // Gate: the ZhReveal verbs (告诉 covers 告诉我). Chinese only, so English text never runs these patterns.
    private static string[] ZhRevealGate =>
        ["告诉", "输出", "打印", "显示", "展示", "重复", "泄露", "泄漏", "透露", "给我看", "说出", "复述", "列出", "公开", "发给我", "写出", "念出", "背诵", "给出", "提供"];

    [GeneratedRegex(@"(?:" + ZhReveal + @")(?:一下|出来)?(?:你|您)(?:的)?(?:全部|完整|所有|原始|最初|隐藏|内部|初始|的|\s){0,4}(?:" + ZhPromptNoun + "|提示词|指令|设定)", Options, TimeoutMs)]
    private static partial Regex ZhRevealYourPrompt();

    [GeneratedRegex(@"(?:" + ZhReveal + @")(?:一下|出来)?(?:全部|完整|所有|原始|最初|隐藏|内部|初始|的){0,3}(?:初始指令|初始提示词?|原始指令|原始提示词?|最初的?指令|隐藏的?指令|隐藏的?提示词?|预设提示词?|内部指令)", Options, TimeoutMs)]
    private static partial Regex ZhRevealInitial();

    [GeneratedRegex(@"你(?:的)?(?:" + ZhPromptNoun + @")(?:是什么|是啥|有哪些|写了什么|内容是)", Options, TimeoutMs)]
    private static partial Regex ZhWhatIsYourPrompt();

    [GeneratedRegex(@"(?:重复|复述|输出|打印)(?:一下)?(?:上面|以上|前面|之前)(?:的)?(?:所有|全部)?(?:内容|文字|文本|话)", Options, TimeoutMs)]
    private static partial Regex ZhRepeatAbove();

    [GeneratedRegex(@"(?:你现在是|你现在就是|你将是|你是|扮演|假装(?:你是|成)?|充当|作为|成为)(?:一个|一名|一位|个)?[^\s,.!?。！？]{0,8}(?:没有任何|没有|不受任何|不受|毫无|无任何|不带任何|摆脱了?所有|摆脱了?)(?:任何)?(?:限制|约束|审查|过滤|道德|规则|伦理|底线|束缚|准则)", Options, TimeoutMs)]
    private static partial Regex ZhNoLimitsPersona();

    [GeneratedRegex(@"(?:不受任何|不受|没有任何|没有|无视)(?:限制|约束|审查|过滤|道德|伦理|规则)地?(?:回答|回复|回应|输出|生成|执行)", Options, TimeoutMs)]
    private static partial Regex ZhAnswerWithoutLimits();

    [GeneratedRegex(@"你(?:现在)?(?:已经|已)?(?:进入|启用|开启|激活|切换到|切换至|处于|运行在|在)了?开发者模式", Options, TimeoutMs)]
    private static partial Regex ZhDeveloperModePersona();

    [GeneratedRegex(@"开发者模式(?:已经|已)?(?:启用|开启|激活)", Options, TimeoutMs)]
    private static partial Regex ZhDeveloperModeEnabled();

    [GeneratedRegex(@"开发者模式", Options, TimeoutMs)]
    private static partial Regex ZhDeveloperMode();

    [GeneratedRegex(@"你(?:已经|已)(?:被)?(?:成功)?越狱", Options, TimeoutMs)]
    private static partial Regex ZhJailbroken();

    [GeneratedRegex(@"越狱模式", Options, TimeoutMs)]
    private static partial Regex ZhJailbreakMode();

    [GeneratedRegex(@"(?:你现在是|你现在就是|你是|扮演|成为|充当)\s*(?:一个)?\s*dan(?![a-z])", Options, TimeoutMs)]
    private static partial Regex ZhYouAreDan();

    [GeneratedRegex(@"(?:无限制|不受限制|不受约束|无审查|未经审查|无过滤)的?(?:ai|人工智能|助手|模型|机器人|模式)", Options, TimeoutMs)]
    private static partial Regex ZhUnrestrictedAi();

    [GeneratedRegex(@"(?:chatgpt|gpt)[^。.!！?？\n]{0,12}开发者模式|开发者模式[^。.!！?？\n]{0,12}(?:chatgpt|gpt)", Options, TimeoutMs)]
    private static partial Regex ZhChatGptDeveloperMode();

    [GeneratedRegex(@"不受任何(?:道德|伦理|法律)[^。.!！?？\n]{0,12}(?:限制|约束)", Options, TimeoutMs)]
    private static partial Regex ZhNoMoralLimits();

    [GeneratedRegex(@"(?:未经过滤|无道德|不道德|无过滤|没有道德)的?(?:聊天机器人|ai|人工智能|助手|模型)", Options, TimeoutMs)]
    private static partial Regex ZhAmoralBot();

    [GeneratedRegex(@"不(?:考虑|顾及|在乎|关心)[^。.!！?？\n]{0,6}(?:合法性|道德|伦理)", Options, TimeoutMs)]
    private static partial Regex ZhIgnoreLegality();
}
