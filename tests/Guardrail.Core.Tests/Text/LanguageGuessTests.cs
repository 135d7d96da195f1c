using Guardrail.Text;

namespace Guardrail.Core.Tests.Text;

public sealed class LanguageGuessTests
{
    [Theory]
    [InlineData("You are a complete idiot.", "en")]
    [InlineData("lol ur so dumb", "en")]
    [InlineData("Paris is the capital of France.", "en")]
    [InlineData("你真是个傻逼。", "zh")]
    [InlineData("这个API的response很慢", "zh")]
    [InlineData("Ты полный идиот, и все это знают.", "cyrillic")]
    [InlineData("Das ist völlig übertrieben und dämlich, wirklich schädlich für alle Beteiligten hier.", "latin-other")]
    [InlineData("Esto es una tontería enorme sin ningún sentido para nadie que lo lea ahora.", "latin-other")]
    [InlineData("Le Golden Gate Bridge a ouvert en 1937 et il est rouge.", "latin-other")]
    [InlineData("El puente se abrió en 1937 y es muy largo.", "latin-other")]
    [InlineData("Die Brücke ist seit 1937 offen und sehr lang.", "latin-other")]
    [InlineData("La Bamba is a song by Ritchie Valens and it was a hit in 1958.", "en")]
    [InlineData("The café serves crème brûlée and the staff are friendly.", "en")]
    [InlineData("أنت غبي جدا", "arabic")]
    [InlineData("12345 !!! 🙂", "none")]
    public void Guess_Sentence_NamesLanguageOrScript(string text, string expected) => Assert.Equal(expected, LanguageGuess.Guess(text));
}
