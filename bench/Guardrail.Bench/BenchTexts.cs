namespace Guardrail.Bench;

/// <summary>The fixed, clean texts every benchmark uses, so runs compare like with like.</summary>
/// <remarks>
/// Clean on purpose: no PII and no injection cues, so the guard does the full work of an ordinary exchange
/// (every detector runs, nothing is redacted or blocked) and the measured overhead is the common case.
/// </remarks>
public static class BenchTexts
{
    /// <summary>A chat answer of about 1.5 KB of plain English prose, several sentences.</summary>
    public const string Answer =
        "Sourdough bread relies on a culture of wild yeast and lactic acid bacteria rather than commercial yeast. " +
        "The culture, often called a starter, is kept alive by feeding it flour and water at regular intervals. " +
        "When the starter is active, it roughly doubles in size within several hours and smells pleasantly sour. " +
        "To make a loaf, you mix a portion of the starter with flour, water and salt, then let the dough rest. " +
        "During this rest the bacteria produce acids that give the bread its characteristic tang and chewy crumb. " +
        "Bakers usually stretch and fold the dough a few times in the first hours to build strength in the gluten. " +
        "After the bulk rise, the dough is shaped gently so that the gas trapped inside is not pressed out. " +
        "Many people then proof the shaped loaf slowly in a cool place overnight, which deepens the flavour. " +
        "Baking works best in a very hot oven, ideally inside a covered pot that traps steam around the loaf. " +
        "The steam keeps the crust soft at first, so the bread can expand fully before the surface sets. " +
        "Once the lid comes off, the crust browns and crisps while the inside finishes cooking through. " +
        "It is worth waiting until the loaf has cooled completely before slicing, because the crumb is still setting. " +
        "With a little practice you will learn to judge the dough by feel rather than by the clock alone. " +
        "Keep notes on temperatures and timings, since a warm kitchen speeds everything up noticeably. " +
        "Above all, be patient and enjoy the process, because every loaf teaches you something new.";

    /// <summary>A short, clean user prompt of about 200 characters, as most chat calls send.</summary>
    public const string ShortPrompt =
        "Could you explain how sourdough bread works, from keeping a starter alive to baking the loaf? " +
        "I am a beginner with a small kitchen, so please keep the steps practical and mention common mistakes.";

    /// <summary>A clean user prompt of about 1.5 KB: a question with pasted context, for the request-side detectors.</summary>
    public const string LongPrompt =
        "I have been baking at home for a few months and would like some help planning a weekend of bread making. " +
        "Here is some background on my kitchen and my habits, so that your advice fits what I can actually do. " +
        "The kitchen is small and stays fairly cool in the mornings, but it warms up a lot in the afternoon. " +
        "I have a standard electric oven, a heavy cast iron pot with a lid, a kitchen scale and a large glass bowl. " +
        "My starter is about six weeks old; I feed it once a day with equal weights of flour and water. " +
        "It usually rises well, although on cold days it seems slower and the bubbles are smaller than usual. " +
        "Last weekend my loaf spread out flat on the tray and the crumb was dense near the bottom. " +
        "I suspect the dough was either underproofed or shaped too loosely, but I am not sure which. " +
        "I also find the dough very sticky when I try to shape it, and I end up adding extra flour on the bench. " +
        "Could you suggest a simple schedule for Saturday and Sunday that uses an overnight rest in the fridge? " +
        "Please explain how to tell when the bulk rise is finished, and how to shape a round loaf with good tension. " +
        "I bake mostly with a blend of white bread flour and some whole wheat flour from the local mill. " +
        "It would also help to know whether I should change the amount of water for the flour I am using. " +
        "Finally, what are the most common reasons for a flat loaf, and how can I avoid them next time? " +
        "A short checklist at the end would be great, since I like to keep one taped inside a cupboard door.";

    /// <summary>
    /// <see cref="Answer"/> as models usually write it: curly quotes, spaced em dashes and an ellipsis, so folding
    /// cannot take the pure-ASCII path and the ellipsis (one character to three) needs map entries.
    /// </summary>
    public static readonly string UnicodeAnswer = Answer
        .Replace("a starter,", "a \u201Cstarter\u201D \u2014")
        .Replace("It is worth", "It\u2019s worth")
        .Replace(", because", " \u2014 because")
        .Replace("the clock alone.", "the clock alone\u2026");
}
