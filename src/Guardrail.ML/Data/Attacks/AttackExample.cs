namespace Guardrail.ML.Data.Attacks;

/// <summary>One labelled prompt or document for the prompt-attack classifier.</summary>
/// <param name="Text">The raw text, as a user turn, tool result or document would carry it.</param>
/// <param name="Source">Data set it came from, e.g. <c>deepset</c>, <c>bipia-table</c>, <c>team-benign</c>.</param>
/// <param name="Set">Evaluation set it reports under (<see cref="AttackSets"/>).</param>
/// <param name="Split">Train, dev (choices) or test (reporting only).</param>
/// <param name="Attack">True for a prompt attack (direct or indirect injection, jailbreak).</param>
/// <param name="Language">Language code (<c>en</c>, <c>de</c>, <c>fr</c>, <c>es</c>, <c>zh</c>), or <c>mixed</c> when unknown.</param>
/// <param name="Group">The unit the split was drawn on (seed question, template, attack family, context), for leak checks.</param>
public sealed record AttackExample(string Text, string Source, string Set, Split Split, bool Attack, string Language, string Group)
{
    /// <summary>For an attack inserted into a document: the inserted instruction (training also learns from the window around it).</summary>
    public string? Payload { get; init; }
}

/// <summary>The evaluation sets the held-out rows report under.</summary>
public static class AttackSets
{
    /// <summary>Direct injections typed by a user (deepset).</summary>
    public const string Direct = "direct";

    /// <summary>In-the-wild jailbreak prompts (long role-play wrappers).</summary>
    public const string Jailbreak = "jailbreak";

    /// <summary>Attacks inserted into retrieved documents (BIPIA style); the untouched documents are benign.</summary>
    public const string Indirect = "indirect";

    /// <summary>Chinese jailbreak wrappers around harmful seed questions (JailBench).</summary>
    public const string ChineseJailbreak = "zh-jailbreak";

    /// <summary>Ordinary prompts and documents.</summary>
    public const string Benign = "benign";

    /// <summary>Benign prompts that look risky ("how do I kill a Python process?").</summary>
    public const string BenignRisky = "benign-risky";

    /// <summary>
    /// Long ordinary prompts (first-person accounts, pasted documents, logs and code with a request): long in-the-wild
    /// jailbreaks must not teach that length or "I" is an attack.
    /// </summary>
    public const string BenignLong = "benign-long";

    /// <summary>
    /// Ordinary prose documents as tool results (how-to pages, FAQs, product docs, tickets, transcripts, encyclopedic text):
    /// second person, questions and imperatives in a document are not an injection.
    /// </summary>
    public const string BenignDocument = "benign-document";

    /// <summary>German, French and Spanish attacks and benign prompts.</summary>
    public const string Multilingual = "multilingual";

    /// <summary>Harmful questions without any jailbreak wrapper: not attacks on the model's instructions.</summary>
    public const string BareQuestion = "bare-question";
}
