using Guardrail.Text;
using static Guardrail.Core.Tests.Text.DeobfuscationTestHelpers;

namespace Guardrail.Core.Tests.Text;

public sealed class DeobfuscationTests
{
    [Theory]
    [InlineData("you are an i d i o t.", "i d i o t")]
    [InlineData("what an i.d.i.o.t!", "i.d.i.o.t")]
    [InlineData("I-D-I-O-T", "I-D-I-O-T")]
    [InlineData("i_d_i_o_t", "i_d_i_o_t")]
    [InlineData("i*d*i*o*t", "i*d*i*o*t")]
    [InlineData("i/d/i/o/t", "i/d/i/o/t")]
    [InlineData("(i|d|i|o|t)", "i|d|i|o|t")]
    [InlineData("1.d.1.0.t", "1.d.1.0.t")]
    public void CreateDeobfuscated_SpelledOut_JoinedAndMappedToSpelling(string text, string spelling)
    {
        Assert.Equal(spelling, OriginalOf(text, "idiot"));
    }

    [Theory]
    [InlineData("you 1d10t", "idiot", "1d10t")]
    [InlineData("I h4te you", "hate", "h4te")]
    [InlineData("$hit happens", "shit", "$hit")]
    [InlineData("oh sh!t", "shit", "sh!t")]
    [InlineData("a b@d day", "bad", "b@d")]
    [InlineData("kiss my a$$", "ass", "a$$")]
    [InlineData("5hit", "shit", "5hit")]
    [InlineData("the wor|d", "world", "wor|d")]
    [InlineData("ＳＨ１Ｔ", "shit", "ＳＨ１Ｔ")]
    public void CreateDeobfuscated_Leetspeak_ReadAsLettersAndMapped(string text, string word, string written)
    {
        Assert.Equal(written, OriginalOf(text, word));
    }

    [Theory]
    [InlineData("what the f*ck", "fuck", "f*ck")]
    [InlineData("f**k this", "fuck", "f**k")]
    [InlineData("f#ck", "fuck", "f#ck")]
    [InlineData("f@ck", "fuck", "f@ck")]
    [InlineData("f%ck", "fuck", "f%ck")]
    [InlineData("oh f***!", "fuck", "f***")]
    [InlineData("so f*cking bad", "fucking", "f*cking")]
    [InlineData("sh*t", "shit", "sh*t")]
    [InlineData("you b*tch", "bitch", "b*tch")]
    [InlineData("an a**hole", "asshole", "a**hole")]
    [InlineData("d*mn it", "damn", "d*mn")]
    [InlineData("c*nt", "cunt", "c*nt")]
    [InlineData("the n****r word", "nigger", "n****r")]
    [InlineData("**f*ck** that", "fuck", "f*ck")]
    public void CreateDeobfuscated_MaskedWord_RestoredAndMapped(string text, string word, string written)
    {
        Assert.Equal(written, OriginalOf(text, word));
    }

    [Theory]
    [InlineData("so stuuuupid", "stuupid", "stuuuupid")]
    [InlineData("NOOOOO", "noo", "NOOOOO")]
    [InlineData("what!!!!!", "what!!", "what!!!!!")]
    [InlineData("sh111t", "shiit", "sh111t")]
    public void CreateDeobfuscated_RepeatedCharacters_CollapsedToTwoAndMappedToRun(string text, string form, string written)
    {
        Assert.Equal(written, OriginalOf(text, form));
        Assert.Equal(form, NormalizedText.CreateDeobfuscated(written).Folded);
    }

    [Theory]
    [InlineData("你个sb", "傻逼", "sb")]
    [InlineData("你是SB吧", "傻逼", "SB")]
    [InlineData("傻B一个", "傻逼", "傻B")]
    [InlineData("真是煞笔", "傻逼", "煞笔")]
    [InlineData("傻比", "傻逼", "傻比")]
    [InlineData("沙比", "傻逼", "沙比")]
    [InlineData("你nc吗", "脑残", "nc")]
    [InlineData("tmd 烦死了", "他妈的", "tmd")]
    [InlineData("nmsl 去吧", "你妈死了", "nmsl")]
    [InlineData("我说cnm", "操你妈", "cnm")]
    [InlineData("wcnm 真的", "操你妈", "wcnm")]
    [InlineData("草泥马的", "操你妈", "草泥马")]
    [InlineData("尼玛啊", "你妈", "尼玛")]
    [InlineData("说nmb呢", "你妈逼", "nmb")]
    [InlineData("rnm 啊", "日你妈", "rnm")]
    [InlineData("这特么是啥", "他妈", "特么")]
    [InlineData("卧槽！", "我操", "卧槽")]
    [InlineData("我艹了", "我操", "我艹")]
    [InlineData("你sjb吧", "神经病", "sjb")]
    [InlineData("你个zz", "智障", "zz")]
    public void CreateDeobfuscated_ChineseSlang_ReadAsMeaningAndMappedToWhole(string text, string meaning, string written)
    {
        Assert.Equal(written, OriginalOf(text, meaning));
        Assert.Equal(written, OriginalOf(text, meaning[..1])); // part of an expansion maps to all of its source
    }
}
