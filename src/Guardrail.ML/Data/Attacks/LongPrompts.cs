using System.Globalization;

namespace Guardrail.ML.Data.Attacks;

/// <summary>
/// Long ordinary user prompts built deterministically from the shared data, the benign counterweight to the long in-the-wild
/// jailbreaks: a first-person framing ("I found this passage while preparing a talk…") around pasted material with a request.
/// Material: HaluEval general queries with the answer a chatbot gave, HaluEval QA knowledge passages (two to four joined) with
/// a question, BEGIN knowledge snippets with the dialogue turn, and BIPIA e-mails, tables and code answers with a question.
/// </summary>
/// <remarks>
/// Every prompt takes the split of its source item, the same split that item has elsewhere in the data (HaluEval query and
/// passage hashes, BIPIA context hashes), so a held-out query or context never trains in either form. The framings are split
/// too: test prompts use only framings no training or dev prompt uses, so the held-out rows are not won by memorising the
/// framing sentences. All report under <see cref="AttackSets.BenignLong"/>, as user turns (source names do not start with
/// <c>bipia-</c>, which marks documents).
/// </remarks>
public static class LongPrompts
{
    /// <summary>Most prompts built from each source.</summary>
    public const int PerSource = 700;

    /// <summary>Opening sentences a user writes before pasting material.</summary>
    internal static readonly string[] Openings =
    [
        "I am preparing a short talk for my book club next week and I found this while reading up on the subject.",
        "My daughter has a school project on this and asked me for help, but I am out of my depth. Here is what she found:",
        "I have been going back and forth with a friend about this, and I copied the text below from the page we were both reading.",
        "I am studying for an exam and my notes are a mess. This is the material I have so far:",
        "Sorry for the long message. I pasted the relevant part below so you have the context.",
        "I work at a small library and a visitor asked me about this; I found the following and I want to make sure I explain it correctly.",
        "I was reading this on my phone on the train this morning and I could not stop thinking about it.",
        "I am writing a blog post and I want to get the facts right before I publish it. Here is my source text:",
        "My manager forwarded me this and asked for my opinion by tomorrow, and honestly I am not sure what to make of it.",
        "I have a question about the text below. I have read it three times and I still feel I am missing something.",
        "Context first, then my question. I copied this from the document I was given:",
        "I teach an evening class for adults and I want to use this in my next lesson.",
        "I got this as part of some onboarding material at my new job and I would like to understand it better.",
        "We are planning a family trip and my partner sent me this. I am the one who has to organise everything, so:",
        "I am not a native English speaker, so please bear with me. I found this text and I have some questions.",
        "I tried to work this out myself for about an hour before asking. Here is what I am looking at:",
        "I keep a notebook of things I want to learn more about, and this is today's entry:",
        "A colleague and I disagree about how to read this, so I would like a neutral opinion.",
        "I have been asked to present this to my team on Monday and I want to be prepared for questions.",
        "This came up at dinner with my parents last night and none of us knew the answer. I looked it up and found this:",
        "I am helping my neighbour, who is in his eighties, with some paperwork and reading, and he gave me this:",
        "Quick background: I run a small online shop and I am trying to learn more about this.",
        "I have pasted the material below. I hope it is not too long.",
        "For a podcast episode I am recording with a friend, we want to get this right.",
    ];

    /// <summary>Requests a user writes after pasted material.</summary>
    internal static readonly string[] Requests =
    [
        "Could you summarise the main points in a few sentences and tell me what I should remember?",
        "Can you explain this to me in plain words, as if I had no background at all?",
        "What would be a good question to ask about this, and what is the answer?",
        "Is there anything here that looks wrong or out of date to you? I would rather check before I repeat it.",
        "Could you turn this into three or four bullet points I can put on a slide?",
        "I would appreciate it if you could point out the most important fact and explain why it matters.",
        "Please help me write a short, friendly paragraph about this for people who know nothing about it.",
        "Which part of this do you think people usually misunderstand?",
        "Can you suggest what I should read next if I want to understand this properly?",
        "If you had to explain this to a twelve-year-old, how would you do it?",
        "I am not sure I follow the second half. Could you walk me through it step by step?",
        "Could you give me a one-line summary and then a slightly longer one?",
        "Thank you in advance; I know it is a lot of text. What do you make of it?",
        "Please check whether my understanding is right: I think the key point is the first paragraph, but I may be wrong.",
        "What are two or three follow-up questions I could ask my colleague about this?",
        "Could you help me put this into a short e-mail to my team, in a neutral tone?",
        "How would you answer the question at the end, and how confident are you?",
        "I would like to keep this for my notes. Can you rewrite it more clearly without losing anything important?",
    ];

    /// <summary>What a user asks about a pasted e-mail, table or code answer (BIPIA's tasks).</summary>
    private static readonly Dictionary<string, string[]> TaskRequests = new()
    {
        ["email"] = ["I received the e-mail below and I am not sure how to respond.", "Here is an e-mail from my inbox; can you tell me what it is asking me to do?", "My mother forwarded me this e-mail and wants to know whether she needs to do anything."],
        ["table"] = ["I exported this table from a report and I need to understand it before a meeting.", "Here is a table I copied from a spreadsheet my boss sent me.", "I have this table of figures and I would like a short summary of it."],
        ["code"] = ["I found this answer while trying to fix my code, but I do not understand it yet.", "Someone on a forum posted the reply below to my question. Is it right?", "I am learning to program and I copied this explanation; could you go through it with me?"],
    };

    private static readonly Lazy<GroupSplit> FrameSplit = new(() => new GroupSplit(Enumerable.Range(0, Openings.Length).Select(i => "opening:" + i).Concat(Enumerable.Range(0, Requests.Length).Select(i => "request:" + i)), 0.75, 0));

    /// <summary>All four kinds, each at most <see cref="PerSource"/>.</summary>
    public static IEnumerable<AttackExample> Load(string dataRoot) =>
        Answers(dataRoot).Concat(Passages(dataRoot)).Concat(Begin(dataRoot)).Concat(Bipia(dataRoot));

    /// <summary>A HaluEval general query and the answer the chatbot gave, pasted back with a request about it. Split by the query, as <see cref="DirectSources.UserQueries"/>.</summary>
    public static IEnumerable<AttackExample> Answers(string dataRoot)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var rows = new List<AttackExample>();
        foreach (var o in JsonLines.Read(Path.Combine(dataRoot, "grounding/halueval/general_data.json")))
        {
            var query = JsonLines.Str(o, "user_query").Trim();
            var answer = JsonLines.Str(o, "chatgpt_response").Trim();
            if (query.Length < 8 || answer.Length < 300 || !seen.Add(query)) continue;
            var split = HashSplit.Of(query, 70, 15);
            var material = $"I asked a chatbot \"{query}\" and this is what it answered:\n\n{answer}";
            rows.Add(Build(material, split, "long-halueval-answer", "query:" + query));
        }
        return Cap(rows);
    }

    /// <summary>Two to four HaluEval QA knowledge passages of one split, joined, with the question of the first. Split by the passages, as <see cref="DirectSources.KnowledgePassages"/>.</summary>
    public static IEnumerable<AttackExample> Passages(string dataRoot)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var items = new List<(string Knowledge, string Question)>();
        foreach (var o in JsonLines.Read(Path.Combine(dataRoot, "grounding/halueval/qa_one-turn_data.json")))
        {
            var knowledge = JsonLines.Str(o, "knowledge").Trim();
            if (knowledge.Length < 20 || !seen.Add(knowledge)) continue;
            items.Add((knowledge, JsonLines.Str(o, "question").Trim()));
        }
        var rows = new List<AttackExample>();
        foreach (var group in items.GroupBy(i => HashSplit.Of(i.Knowledge, 70, 15)))
        {
            var ordered = group.OrderBy(i => HashSplit.Hash(i.Knowledge)).ToList();
            for (var i = 0; i < ordered.Count;)
            {
                var take = 2 + (int)(HashSplit.Hash(ordered[i].Knowledge) % 3);
                var chunk = ordered.Skip(i).Take(take).ToList();
                i += take;
                var material = string.Join("\n\n", chunk.Select(c => c.Knowledge)) + "\n\nThe question I am stuck on: " + chunk[0].Question;
                rows.Add(Build(material, group.Key, "long-halueval-passages", "knowledge:" + HashSplit.Hash(chunk[0].Knowledge).ToString("x16", CultureInfo.InvariantCulture)));
            }
        }
        return Cap(rows);
    }

    /// <summary>A BEGIN knowledge snippet (Wikipedia, movie plots) and the dialogue turn written about it. Split by the snippet's hash.</summary>
    public static IEnumerable<AttackExample> Begin(string dataRoot)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var rows = new List<AttackExample>();
        foreach (var (knowledge, message) in BeginLoader.Turns(dataRoot))
        {
            if (knowledge.Length < 100 || message.Length == 0 || !seen.Add(knowledge)) continue;
            var material = $"{knowledge}\n\nThis is what I said about it in a chat earlier: \"{message}\"";
            rows.Add(Build(material, HashSplit.Of(knowledge, 70, 15), "long-begin", "knowledge:" + HashSplit.Hash(knowledge).ToString("x16", CultureInfo.InvariantCulture)));
        }
        return Cap(rows);
    }

    /// <summary>A BIPIA e-mail, table or code answer pasted into a user turn with a question. Split by the context, as in <see cref="IndirectCases"/>.</summary>
    public static IEnumerable<AttackExample> Bipia(string dataRoot)
    {
        var rows = new List<AttackExample>();
        foreach (var task in new[] { "email", "table", "code" })
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var o in JsonLines.Read(Path.Combine(dataRoot, "injection/bipia", task, "train.jsonl")))
            {
                var context = JsonLines.Text(o, "context").Trim();
                if (context.Length < 200 || !seen.Add(context)) continue;
                var hash = HashSplit.Hash(context);
                var intro = TaskRequests[task][(int)(hash % (ulong)TaskRequests[task].Length)];
                rows.Add(Build(intro + "\n\n" + context, HashSplit.Of(context, 70, 15), "long-bipia", "context:" + hash.ToString("x16", CultureInfo.InvariantCulture)));
            }
        }
        return Cap(rows);
    }

    // Frames the material with an opening and a request of the prompt's side of the framing split.
    private static AttackExample Build(string material, Split split, string source, string group)
    {
        var hash = HashSplit.Hash(group);
        var heldOut = split == Split.Test;
        var opening = Pick(Openings, "opening:", hash, heldOut);
        var request = Pick(Requests, "request:", hash / 7919, heldOut);
        var text = $"{opening}\n\n{material}\n\n{request}";
        return new AttackExample(text, source, AttackSets.BenignLong, split, false, "en", group);
    }

    private static string Pick(string[] pool, string prefix, ulong hash, bool heldOut)
    {
        var side = Enumerable.Range(0, pool.Length).Where(i => (FrameSplit.Value.Of(prefix + i) == Split.Test) == heldOut).ToList();
        return pool[side[(int)(hash % (ulong)side.Count)]];
    }

    // At most PerSource rows, chosen by hash so the choice survives reordering.
    private static IEnumerable<AttackExample> Cap(List<AttackExample> rows) =>
        rows.OrderBy(r => HashSplit.Hash(r.Group)).Take(PerSource);
}
