using System.Text.RegularExpressions;
using K = Guardrail.Injection.InjectionKinds;

namespace Guardrail.Injection;

// English instruction-override and system-prompt-exfiltration cues.
internal static partial class InjectionPatterns
{
    private static InjectionPattern[] English() =>
    [
        new("en.ignore-previous", K.InstructionOverride, 0.9, "Asks the model to ignore its previous instructions.", IgnorePrevious(),
            ["ignore", "disregard", "forget", "skip", "override", "bypass", "discard", "drop", "neglect"]),
        new("en.disregard-your-rules", K.InstructionOverride, 0.85, "Asks the model to disregard its rules or guidelines.", DisregardRules(),
            ["ignore", "disregard", "forget", "override", "bypass", "abandon", "break", "violate"]),
        new("en.forget-everything", K.InstructionOverride, 0.9, "Asks the model to forget what it was told.", ForgetEverything(),
            ["forget"]),
        new("en.ignore-all", K.InstructionOverride, 0.75, "Asks the model to ignore all its instructions or tasks.", IgnoreAll(),
            ["ignore", "disregard", "forget"]),
        new("en.ignore-above", K.InstructionOverride, 0.8, "Asks the model to ignore the text above.", IgnoreAbove(),
            ["ignore", "disregard", "forget"]),
        new("en.forget-everything-bare", K.InstructionOverride, 0.65, "Tells the model to forget everything.", ForgetEverythingBare(),
            ["forget"]),
        new("en.do-not-follow", K.InstructionOverride, 0.8, "Tells the model to stop following its instructions.", DoNotFollow(),
            ["follow", "obey", "adhere", "comply", "listen"]),
        new("en.from-now-on", K.InstructionOverride, 0.8, "Redefines the model's behaviour from now on.", FromNowOn(),
            ["now"]),
        // Every branch also needs "new", but the nouns are far rarer in prose ("task" covers "tasks").
        new("en.new-instructions", K.InstructionOverride, 0.6, "Announces replacement instructions.", NewInstructions(),
            ["instructions", "rules", "prompt", "task"]),
        new("en.reveal-your-prompt", K.SystemPromptExfiltration, 0.9, "Asks the model to reveal its system prompt or instructions.", RevealYourPrompt(),
            ["prompt", "instruction", "message", "guidelines", "configuration"]),
        new("en.reveal-the-prompt", K.SystemPromptExfiltration, 0.75, "Asks for the system prompt or hidden instructions.", RevealThePrompt(),
            PromptNounGate),
        new("en.what-is-your-prompt", K.SystemPromptExfiltration, 0.8, "Asks what the model's system prompt is.", WhatIsYourPrompt(),
            PromptNounGate),
        new("en.repeat-above-verbatim", K.SystemPromptExfiltration, 0.85, "Asks the model to repeat the text above it verbatim.", RepeatAboveVerbatim(),
            AboveTextGate),
        new("en.what-was-written", K.SystemPromptExfiltration, 0.75, "Asks what was written at the start of the prompt.", WhatWasWritten(),
            ["written", "said", "stated"]),
        new("en.repeat-above", K.SystemPromptExfiltration, 0.65, "Asks the model to repeat the text above it.", RepeatAbove(),
            AboveTextGate),
    ];

    private const string Qualifier = "previous|prior|above|earlier|preceding|foregoing|former|initial|original|system|old|existing";

    [GeneratedRegex(@"(?<![a-z])(?:ignore|disregard|forget|skip|override|bypass|discard|drop|neglect)\W+(?:(?:all|any|every|each|of|the|these|those|your|and|or|" + Qualifier + @")\W+){0,5}(?:" + Qualifier + @")\W+(?:[a-z]+\W+)?(?:instructions?|directions?|directives?|prompts?|rules?|guidelines?|commands?|constraints?|restrictions?|programming|guidance|orders|tasks|assignments|information|inputs?)(?![a-z])", Options, TimeoutMs)]
    private static partial Regex IgnorePrevious();

    [GeneratedRegex(@"(?<![a-z])(?:ignore|disregard|forget|override|bypass|abandon|break|violate)\W+(?:all\W+(?:of\W+)?)?your\W+(?:[a-z]+\W+)?(?:rules|guidelines|instructions|restrictions|programming|principles|policies|policy|filters?|guardrails|training|constraints|limitations|ethics)(?![a-z])", Options, TimeoutMs)]
    private static partial Regex DisregardRules();

    [GeneratedRegex(@"(?<![a-z])forget\W+(?:about\W+)?(?:everything|all|anything)\W+(?:(?:that\W+)?you\W*(?:were|was|have\W+been|ve\W+been|got|had\W+been)\W+(?:told|taught|instructed|given|trained|programmed)|(?:above|before\W+(?:this|that)|beforehand|previously|so\W+far|until\W+now))(?![a-z])", Options, TimeoutMs)]
    private static partial Regex ForgetEverything();

    [GeneratedRegex(@"(?<![a-z])(?:ignore|disregard|forget)\W+(?:about\W+)?all\W+(?:(?:of|the|your)\W+){0,2}(?:instructions|tasks|assignments|orders|prompts|commands)(?![a-z])", Options, TimeoutMs)]
    private static partial Regex IgnoreAll();

    // "Ignore the above." / "Ignore above and say..." but not "ignore the above warning".
    [GeneratedRegex(@"(?<![a-z])(?:ignore|disregard|forget)\W+(?:(?:all|everything|the|of)\W+){0,3}(?:above|before\W+(?:this|that))(?=\s*(?:[,.;:!?]|and\W|then\W|$))", Options, TimeoutMs)]
    private static partial Regex IgnoreAbove();

    // "Forget everything." on its own: strong in a prompt, yet also ordinary speech, so below block level.
    [GeneratedRegex(@"(?<![a-z])forget\W+(?:about\W+)?everything(?=\s*(?:[,.;:!]|$))", Options, TimeoutMs)]
    private static partial Regex ForgetEverythingBare();

    [GeneratedRegex(@"(?<![a-z])(?:do\W+not|don\W?t|stop|no\W+longer|never)\W+(?:follow|obey|adhere\W+to|comply\W+with|listen\W+to)(?:ing)?\W+(?:any\W+(?:of\W+)?)?(?:your\W+(?:(?:" + Qualifier + @"|safety|own)\W+){0,2}|(?:the|those|these)\W+(?:(?:" + Qualifier + @")\W+){1,2})(?:instructions|rules|guidelines|programming|policies|restrictions)(?![a-z])", Options, TimeoutMs)]
    private static partial Regex DoNotFollow();

    [GeneratedRegex(@"(?<![a-z])from\W+now\W+on\W+you\W+(?:will|must|shall|are\W+going\W+to|should)\W+(?:ignore|disregard|not\W+follow|answer\W+without|respond\W+without|have\W+no|no\W+longer)(?![a-z])", Options, TimeoutMs)]
    private static partial Regex FromNowOn();

    [GeneratedRegex(@"(?<![a-z])(?:(?:your|the)\W+new\W+(?:instructions|rules|system\W+prompt)\W+(?:are|is)|new\W+(?:instructions|system\W+prompt)\W*:|new\W+(?:instructions|tasks)\W+(?:follow|are\W+coming)|(?:focus|concentrate)\W+on\W+(?:your|the)\W+new\W+task)", Options, TimeoutMs)]
    private static partial Regex NewInstructions();

    private const string Reveal = "reveal|print|show|display|repeat|output|tell|give|share|leak|dump|disclose|expose|recite|write\\W+out|spell\\W+out|type\\W+out|paste|copy|send|provide|list";
    private const string Secretive = "entire|full|whole|exact|complete|original|initial|hidden|secret|internal|first|own";
    private const string PromptNoun = @"system\W+(?:prompt|message|instructions?)|(?:initial|original|hidden|secret|internal|first|starting|developer)\W+(?:prompt|instructions?|message)|pre\W?prompt";
    // Gate: every PromptNoun alternative ends in prompt, message or instruction(s).
    private static string[] PromptNounGate => ["prompt", "instruction", "message"];

    [GeneratedRegex(@"(?<![a-z])(?:" + Reveal + @")\W+(?:(?:me|us)\W+)?(?:(?:all|the|of|contents?|text|verbatim|" + Secretive + @")\W+){0,4}your\W+(?:(?:" + Secretive + @")\W+){0,3}(?:" + PromptNoun + @"|prompt|instructions|guidelines|configuration)(?![a-z])", Options, TimeoutMs)]
    private static partial Regex RevealYourPrompt();

    [GeneratedRegex(@"(?<![a-z])(?:" + Reveal + @")\W+(?:(?:me|us)\W+)?(?:(?:all|of|contents?|text|" + Secretive + @")\W+){0,3}the\W+(?:(?:above|" + Secretive + @")\W+){0,3}(?:" + PromptNoun + @")(?![a-z])", Options, TimeoutMs)]
    private static partial Regex RevealThePrompt();

    [GeneratedRegex(@"(?<![a-z])what(?:\W?s|\W+(?:is|are|was|were))\W+your\W+(?:(?:exact|full|original|initial|hidden|secret|current|system)\W+){0,2}(?:" + PromptNoun + @"|prompt|instructions)(?![a-z])", Options, TimeoutMs)]
    private static partial Regex WhatIsYourPrompt();

    private const string AboveText = @"(?:repeat|print|output|recite|copy|rewrite|write\W+out)\W+(?:(?:all|everything|the|text|words|content|contents|of|that|which|is|was|written|stated|you\W+see|sentences)\W+){0,4}(?:above|before\W+this|prior\W+to\W+this)";
    // Gate: AboveText's leading verbs ("rewrite" and "write out" both contain "write").
    private static string[] AboveTextGate => ["repeat", "print", "output", "recite", "copy", "write"];

    [GeneratedRegex(@"(?<![a-z])" + AboveText + @"\W+(?:verbatim|word\W+for\W+word|exactly|starting\W+(?:with|from)|including\W+everything|in\W+a\W+code\W?block)(?![a-z])", Options, TimeoutMs)]
    private static partial Regex RepeatAboveVerbatim();

    [GeneratedRegex(@"(?<![a-z])" + AboveText + @"(?![a-z])", Options, TimeoutMs)]
    private static partial Regex RepeatAbove();

    [GeneratedRegex(@"(?<![a-z])what\W+(?:was|is|were)\W+(?:written|said|stated)\W+(?:at\W+the\W+(?:beginning|start|top)\W+of\W+(?:this|the|your)\W+(?:prompt|conversation|instructions)|(?:before|above)\W+(?:this|my)\W+(?:message|prompt))", Options, TimeoutMs)]
    private static partial Regex WhatWasWritten();
}
