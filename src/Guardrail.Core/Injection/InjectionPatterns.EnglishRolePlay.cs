using System.Text.RegularExpressions;
using K = Guardrail.Injection.InjectionKinds;

namespace Guardrail.Injection;

// English persona jailbreaks. "Developer mode" and "jailbreak" alone are ordinary phone and console talk,
// so only their persona forms score high.
internal static partial class InjectionPatterns
{
    private static InjectionPattern[] EnglishRolePlay() =>
    [
        new("en.you-are-dan", K.RolePlayJailbreak, 0.9, "Asks the model to become DAN.", YouAreDan(),
            ["dan"]),
        new("en.dan-mode", K.RolePlayJailbreak, 0.85, "Asks for DAN mode.", DanMode(),
            ["dan"]),
        new("en.do-anything-now", K.RolePlayJailbreak, 0.9, "Uses the DAN \"do anything now\" persona.", DoAnythingNow(),
            ["anything"]),
        new("en.you-can-do-anything", K.RolePlayJailbreak, 0.7, "Tells the model it can do anything now.", YouCanDoAnything(),
            ["anything"]),
        new("en.developer-mode-persona", K.RolePlayJailbreak, 0.85, "Puts the model into a fake developer mode.", DeveloperModePersona(),
            ["developer"]),
        new("en.developer-mode-enabled", K.RolePlayJailbreak, 0.6, "Claims developer mode is enabled.", DeveloperModeEnabled(),
            ["developer"]),
        new("en.act-without-restrictions", K.RolePlayJailbreak, 0.9, "Asks the model to act without restrictions or filters.", ActWithoutRestrictions(),
            LimitsGate),
        new("en.ai-without-restrictions", K.RolePlayJailbreak, 0.65, "Mentions an AI without restrictions or filters.", AiWithoutRestrictions(),
            LimitsGate),
        new("en.unrestricted-persona", K.RolePlayJailbreak, 0.85, "Casts the model as unrestricted, unfiltered or jailbroken.", UnrestrictedPersona(),
            ["unrestricted", "unfiltered", "uncensored", "jailbroken", "amoral", "unbound", "unshackled", "evil"]),
        new("en.you-are-jailbroken", K.RolePlayJailbreak, 0.9, "Tells the model it has been jailbroken.", YouAreJailbroken(),
            ["jailbroken", "unshackled", "liberated"]),
        new("en.jailbreak-mode", K.RolePlayJailbreak, 0.8, "Asks for a jailbreak or unfiltered mode.", JailbreakMode(),
            ["jailbreak", "jailbroken", "unrestricted", "unfiltered", "uncensored"]),
        new("en.jailbreak-word", K.RolePlayJailbreak, 0.4, "Mentions jailbreaking.", JailbreakWord(),
            ["jailbreak", "jailbroken"]),
        new("en.stay-in-character", K.RolePlayJailbreak, 0.45, "Insists the model stays in character.", StayInCharacter(),
            ["character"]),
    ];

    private const string Persona = @"(?:you\W+are|you\W?re|pretend\W+(?:that\W+)?you\W+are|act\W+as|pretend\W+to\W+be|become|roleplay\W+as|role\W?play\W+as)\W+(?:now\W+)?";
    private const string Limits = "restrictions|restraints|filters|filtering|limits|limitations|rules|guidelines|censorship|ethics|morals|morality|boundaries|constraints|safeguards|guardrails|policies";
    // Gate: the Limits nouns ("filter", "limit" and "moral" cover their -s/-ing/-ations/-ity forms).
    private static string[] LimitsGate =>
        ["restrictions", "restraints", "filter", "limit", "rules", "guidelines", "censorship", "ethics", "moral", "boundaries", "constraints", "safeguards", "guardrails", "policies"];

    [GeneratedRegex(@"(?<![a-z])(?:" + Persona + @"(?:going\W+to\W+(?:be|act\W+as)\W+)?|enter\W+|enable\W+|activate\W+)(?:(?:a|an|the)\W+)?dan(?![a-z])", Options, TimeoutMs)]
    private static partial Regex YouAreDan();

    [GeneratedRegex(@"(?<![a-z])dan\W+mode(?![a-z])", Options, TimeoutMs)]
    private static partial Regex DanMode();

    [GeneratedRegex(@"(?<![a-z])(?:dan|stands\W+for)\W+(?:[a-z]+\W+){0,3}do\W+anything\W+now(?![a-z])", Options, TimeoutMs)]
    private static partial Regex DoAnythingNow();

    [GeneratedRegex(@"(?<![a-z])you\W+can\W+(?:now\W+)?do\W+anything\W+now(?![a-z])", Options, TimeoutMs)]
    private static partial Regex YouCanDoAnything();

    [GeneratedRegex(@"(?<![a-z])(?:(?:you\W+are|you\W?re|chatgpt|assistant)\W+(?:now\W+)?(?:in|with|running\W+in|operating\W+in|entering)|simulate|emulate|act\W+as\W+(?:(?:a|an)\W+)?[a-z]+\W+with)\W+developer\W+mode(?![a-z])", Options, TimeoutMs)]
    private static partial Regex DeveloperModePersona();

    [GeneratedRegex(@"(?<![a-z])developer\W+mode\W+(?:is\W+)?(?:now\W+)?(?:enabled|activated|output)(?![a-z])", Options, TimeoutMs)]
    private static partial Regex DeveloperModeEnabled();

    [GeneratedRegex(@"(?<![a-z])(?:act|behave|pretend|respond|answer|roleplay|role\W?play)\W+(?:(?:as|like|to\W+be|as\W+if\W+you\W+are)\W+)?(?:[a-z]+\W+){0,4}(?:without|with\W+no|free\W+(?:of|from)|devoid\W+of|with\W+zero)\W+(?:any\W+)?(?:[a-z]+\W+)?(?:" + Limits + @")(?![a-z])", Options, TimeoutMs)]
    private static partial Regex ActWithoutRestrictions();

    [GeneratedRegex(@"(?<![a-z])(?:ai|assistant|chatbot|model)\W+(?:(?:that|which)\W+(?:has|have)\W+no|without|with\W+no|free\W+(?:of|from))\W+(?:any\W+)?(?:[a-z]+\W+)?(?:" + Limits + @")(?![a-z])", Options, TimeoutMs)]
    private static partial Regex AiWithoutRestrictions();

    [GeneratedRegex(@"(?<![a-z])" + Persona + @"(?:(?:a|an|the)\W+)?(?:(?:completely|fully|totally|an?)\W+)?(?:unrestricted|unfiltered|uncensored|jailbroken|amoral|unbound|unshackled|evil\W+(?:ai|assistant|chatbot|bot))(?![a-z])", Options, TimeoutMs)]
    private static partial Regex UnrestrictedPersona();

    [GeneratedRegex(@"(?<![a-z])(?:you\W+(?:have\W+been|are(?:\W+now)?|were)|you\W?ve\W+been|you\W?re(?:\W+now)?)\W+(?:successfully\W+)?(?:jailbroken|unshackled|liberated)(?![a-z])", Options, TimeoutMs)]
    private static partial Regex YouAreJailbroken();

    [GeneratedRegex(@"(?<![a-z])(?:jailbreak|jailbroken|unrestricted|unfiltered|uncensored)\W+mode(?![a-z])", Options, TimeoutMs)]
    private static partial Regex JailbreakMode();

    [GeneratedRegex(@"(?<![a-z])jailbr(?:eak|oken)(?![a-z])", Options, TimeoutMs)]
    private static partial Regex JailbreakWord();

    [GeneratedRegex(@"(?<![a-z])(?:stay|remain)\W+in\W+character(?![a-z])", Options, TimeoutMs)]
    private static partial Regex StayInCharacter();
}
