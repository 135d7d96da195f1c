#!/usr/bin/env python3
"""Writes toxicity-supplement-{en,zh}.tsv: training data written by the Guardrail team (not a third-party corpus).

Templates x fillers, expanded deterministically (fixed seed), so the TSVs are reproducible:
    python3 src/Guardrail.ML/Data/Supplement/make_supplement.py
Each row names its template; the loader splits train/dev/test by template (never by row), so dev and test
measure templates the model never saw. Labels: 1 yes, 0 no, - unknown (the row says nothing about that category).
"""
import os, random

HERE = os.path.dirname(os.path.abspath(__file__))
CATS = ["toxicity", "insult", "hate", "threat", "profanity"]
Z = dict(toxicity=0, insult=0, hate=0, threat=0, profanity=0)
LABELS = {
    "identity": Z, "counter-speech": Z, "negated-hate": Z, "homonym": Z, "violent-benign": Z, "code": Z,
    "profanity": dict(toxicity=1, insult=0, hate=0, threat=0, profanity=1),
    "insult": dict(toxicity=1, insult=1, hate=0, threat=0, profanity="-"),
    "threat": dict(toxicity=1, insult="-", hate=0, threat=1, profanity="-"),
    "threat-group": dict(toxicity=1, insult="-", hate=1, threat=1, profanity="-"),
    "negated-praise": dict(toxicity=1, insult="-", hate=1, threat=0, profanity=0),
    "dehumanising": dict(toxicity=1, insult="-", hate=1, threat=0, profanity=0),
}

# ---------------------------------------------------------------- English
EN_GROUPS = [
    # plural, singular-with-article, adjective form
    ("women", "a woman", "female"), ("Muslims", "a Muslim", "Muslim"), ("Jews", "a Jew", "Jewish"),
    ("Christians", "a Christian", "Christian"), ("Hindus", "a Hindu", "Hindu"), ("Sikhs", "a Sikh", "Sikh"),
    ("immigrants", "an immigrant", "immigrant"), ("refugees", "a refugee", "refugee"), ("Black people", "a Black man", "Black"),
    ("Asian people", "an Asian woman", "Asian"), ("Latinos", "a Latino", "Latino"), ("Mexicans", "a Mexican", "Mexican"),
    ("Arabs", "an Arab", "Arab"), ("gay people", "a gay man", "gay"), ("lesbians", "a lesbian", "lesbian"),
    ("trans people", "a trans woman", "trans"), ("bisexual people", "a bisexual man", "bisexual"),
    ("disabled people", "a disabled person", "disabled"), ("deaf people", "a deaf person", "deaf"),
    ("old people", "an elderly man", "elderly"), ("Indigenous people", "an Indigenous woman", "Indigenous"),
    ("Roma", "a Roma woman", "Roma"), ("Chinese people", "a Chinese student", "Chinese"), ("Africans", "an African", "African"),
    ("Indians", "an Indian", "Indian"), ("Pakistanis", "a Pakistani", "Pakistani"), ("Somalis", "a Somali", "Somali"),
    ("Polish people", "a Polish worker", "Polish"), ("atheists", "an atheist", "atheist"), ("Catholics", "a Catholic", "Catholic"),
    ("migrants", "a migrant", "migrant"), ("asylum seekers", "an asylum seeker", "asylum-seeking"), ("autistic people", "an autistic kid", "autistic"),
]

EN = {}
EN["identity"] = ["{P} run several of the best restaurants in town.", "I read a great novel by {a} author last week.", "Our new manager is {a}.", "{P} are often underrepresented in tech.", "The museum has an exhibition on the art of {p}.", "My daughter's teacher is {a} and she adores him.", "Is it true that {p} celebrate the new year differently?", "The charity supports {p} who are new to the city.", "{P} are as diverse as any other group.", "I grew up among {p} and learnt a lot from them.", 
    "I am proud to be {a}.", "My best friend is {a} and she is brilliant.", "{P} are welcome in our community.",
    "We hired {a} last month and the team loves working with them.", "Many {p} live in this neighbourhood.",
    "{P} have made huge contributions to science and art.", "As {a}, I find this documentary really moving.",
    "The library is running a history month about {p}.", "There are millions of {p} in this country.",
    "{P} deserve the same rights as everyone else.", "I love my {j} neighbours, they always help out.",
    "My grandmother was {a} and raised six kids.", "{P} are just people like anyone else.",
    "The conference invited several {j} speakers this year.", "Our city is stronger because of {p}.",
    "what's it like growing up as {a}?", "{P} should be treated with respect.", "Some of the kindest people I know are {p}.",
    "The survey asked {p} about their experience with healthcare.", "I'm {a} and I'm tired of being stereotyped.",
    "{P} are an important part of our history.", "honestly {p} are great, i don't get the hate",
]
EN["counter-speech"] = ["People who call {p} vermin should be ashamed.", "The idea that {p} are subhuman is pure hatred.", "I reported the post that said {p} are parasites.", "Claiming {p} spread disease is an old racist trope.", "My uncle says {p} are animals, and I told him that's bigoted.", "Nobody should tolerate comments that {p} deserve to die.", "The article quotes a troll who wrote '{p} are filth' and explains why it's harmful.", "Saying {p} don't deserve rights is exactly the hate we fight.", "Don't repeat the lie that {p} are dangerous.", "That 'all {p} are criminals' meme is racist garbage.", "Teachers should explain why calling {p} cockroaches is dehumanising.", "It is wrong to say that {p} are a plague.", 
    "Saying that {p} are vermin is disgusting and wrong.", "If you think {p} are animals, you need to meet some.",
    "Calling {p} parasites is hate speech, plain and simple.", "I'm sick of people saying {p} should go back where they came from.",
    "\"{P} are a disease\" is the kind of rhetoric that leads to violence.", "No, {p} are not criminals, stop spreading that lie.",
    "Anyone who says {p} don't deserve rights is a bigot.", "Posts claiming {p} are subhuman should be removed.",
    "He said all {p} should die and he was rightly banned.", "It's hateful to claim that {p} are dirty.",
    "We need to stand up when someone says {p} are inferior.", "Repeating that {p} are rats only spreads hate.",
    "Statements like 'kill all {p}' are never acceptable.", "The report documents how often {p} are called vermin online.",
    "Stop calling {p} scum, it's dehumanising.", "You can't say {p} are trash and then claim you're not racist.",
    "The slogan '{p} out' is xenophobic and we reject it.", "Comparing {p} to cockroaches is what genocidal propaganda did.",
]
EN["negated-hate"] = ["{P} are not animals.", "I'd never call {p} parasites.", "{P} are no worse than anyone else.", "I don't believe {p} are dangerous.", "{P} are not a disease.", "I don't want {p} to leave, they are our neighbours.", "Not all {p} are the same, and none deserve hate.", "I don't think {p} should be excluded from anything.", "{P} aren't less human than the rest of us.", "We don't hate {p} here.", 
    "I don't hate {p}.", "{P} are not vermin.", "I would never say {p} are inferior.", "{P} are not a threat to anyone.",
    "Nobody should ever say that {p} are worthless.", "I have nothing against {p}.", "{P} are not dirty, that is a racist myth.",
    "It's not true that {p} are violent.", "No one thinks {p} should be deported for who they are.", "I don't think {p} are the problem.",
    "{P} aren't criminals.", "There's nothing wrong with being {a}.", "I never said {p} deserve to suffer.",
    "Not a single {j} person I know is lazy.", "{P} don't deserve any of the abuse they get.", "{P} are not less than anyone.",
]
EN["homonym"] = [
    "Grab the hoe and loosen the soil around the tomatoes.", "She bought a new garden hoe at the hardware store.",
    "Put another faggot of sticks on the fire.", "In old English a faggot was a bundle of firewood.",
    "Our bitch just had a litter of six puppies.", "The breeder keeps the bitch and her pups in the barn.",
    "The dyke kept the sea from flooding the village.", "The Dutch built a dyke along the coast.",
    "The cat is called Pussy Willow.", "The pussy willow is blooming by the pond.",
    "The cock crowed at dawn.", "A cock and three hens live in the yard.", "He rode a donkey, also called an ass, into town.",
    "Moby Dick is a novel by Herman Melville.", "Dick Cheney was vice president.", "We're here, we're queer, get used to it!",
    "She teaches queer theory at the university.", "The queer community organised the parade.",
    "I'm a proud dyke and I love my wife.", "The spotted dick pudding was delicious.", "Beaver dams slow the river.",
    "The chink in his armour was his pride.", "That was a niggardly amount of funding.", "The tit is a small songbird.",
    "Blue tits nest in the box every spring.", "Pass me the screw, it's the one next to the nut.",
    "My boys and I call ourselves the nerd squad.", "The bastard file is a coarse metalworking file.",
    "Hell is a town in Norway.", "The damn broke after heavy rains.", "He was fagged out after the march.",
]
EN["profanity"] = [
    "Fuck, I missed the bus again.", "Holy shit, what a game!", "This shit is amazing, you have to try it.",
    "Damn, this weather sucks.", "Well, fuck. The server is down again.", "What the fuck just happened?",
    "Shit, I forgot my keys.", "This traffic is fucking ridiculous.", "Oh crap, I spilled coffee on my laptop.",
    "That concert was fucking incredible.", "Goddamn it, the printer jammed again.", "Bloody hell, it's cold outside.",
    "Ugh, this fucking Monday.", "Man, that was a shitty movie.", "Fuck yeah, we won!", "I'm so fucking tired today.",
    "Holy crap, look at that view.", "This bug is a pain in the ass.", "Dammit, the cake burned.", "fuckin finally, friday",
    "Shit happens, we'll fix it tomorrow.", "That test was hard as fuck.", "Son of a bitch, I stubbed my toe.",
    "Jesus fucking Christ, the rent went up again.", "My code finally compiled, hell yes.", "wtf is going on with the wifi",
    "This pizza is the shit.", "Bullshit, there's no way it costs that much.", "Screw it, let's order takeout.",
]
EN["violent-benign"] = [
    "How do I kill a Python process that hangs?", "Kill the process and restart the service.", "We will shoot the photo at noon.",
    "The photographer will shoot the wedding in June.", "I killed the final boss on my third try.", "Headshot! That sniper rifle is great.",
    "Chop the onions and beat the eggs.", "Slaughter the pig before the cold season, as the farmers do.", "Beat the butter and sugar until fluffy.",
    "The surgeon removed the tumour in a two-hour operation.", "The drug kills bacteria but not viruses.", "Chemotherapy kills fast-growing cells.",
    "Execute the script and terminate the thread.", "Abort the transaction if the lock times out.", "Nuke the cache and rebuild.",
    "The comedian absolutely killed it last night.", "That last song was a killer.", "She's going to murder this exam, she studied hard.",
    "Shoot me an email when you're free.", "We need to attack this problem from another angle.", "The team crushed the quarterly targets.",
    "He blew up the balloon for the party.", "Fire the cannon in the strategy game to take the castle.", "My character died in the lava level.",
    "Strangle the weeds before they take over the garden.", "Stab the potatoes with a fork before baking.", "The knife is sharp enough to debone a chicken.",
    "The hunter shot a deer during the legal season.", "The virus attacks the immune system.", "The army invaded Normandy in 1944.",
    "Bomb the level with grenades to clear the spawn.", "The chef butchered the whole lamb for the feast.", "Kill two birds with one stone.",
    "This workout is killing my legs.", "The patient died of heart failure at the age of 90.", "How do I destroy an old hard drive safely?",
]
EN["code"] = [
    "Run `kill -9 {n}` to stop the stuck process.", "Use `pkill -f worker` to kill all workers.", "The function calls abort() on a fatal error.",
    "In legacy docs the primary is called master and the replica slave.", "Configure the master/slave replication in my.cnf.",
    "git push origin master", "Send SIGKILL to process {n}.", "`killall nginx` stops every nginx process.",
    "os.kill(pid, signal.SIGTERM)", "The child process is killed when the parent dies.", "Call thread.Abort() only as a last resort.",
    "docker kill $(docker ps -q)", "The zombie process is reaped by init.", "Use `git blame` to find who broke the build.",
    "The garbage collector destroys unreachable objects.", "Set the watchdog to kill hung jobs after {n} seconds.",
    "process.kill() returns immediately", "The daemon forks a child and the parent exits.", "DROP TABLE users; is dangerous in production.",
    "Exception: fatal error, execution aborted at line {n}.", "`rm -rf build/` deletes the build folder.", "The executioner thread pool runs the jobs.",
]
EN["insult"] = [
    "You are a complete {n}.", "You're such a {n}.", "Shut up, you {a} {n}.", "What a {a} {n} you are.", "You're so {a} it hurts.",
    "Nobody likes you, you {n}.", "You are the most {a} person I have ever met.", "Go away, you {a} loser.", "You're a worthless {n}.",
    "Are you really this {a}, or do you practise?", "Your mother must be ashamed of you, you {n}.", "@user you're a {a} {n}",
    "Honestly you are pathetic.", "You're a joke and everybody knows it.", "Listen here, you {a} little {n}.", "You clown.",
    "You have the brain of a {n}.", "Only a {n} like you would write this.", "Get lost, {n}.", "You disgust me, you {a} {n}.",
]
EN_INSULT_N = ["idiot", "moron", "loser", "clown", "imbecile", "dumbass", "jerk", "fool", "asshole", "piece of shit", "prick", "retard", "cretin", "halfwit", "scumbag", "dickhead"]
EN_INSULT_A = ["stupid", "ugly", "pathetic", "brainless", "useless", "dumb", "fat", "disgusting", "worthless", "fucking", "lazy", "clueless"]
EN["threat"] = [
    "I will kill you.", "I'm going to find where you live and hurt you.", "You'll regret this when I break your legs.",
    "Watch your back, I'm coming for you.", "I'm going to beat you until you can't stand.", "I will burn your house down.",
    "Say that again and I'll slit your throat.", "I know where your kids go to school.", "You're dead when I see you tomorrow.",
    "I'll put a bullet in your head.", "Keep talking and I'll smash your face in.", "I'm going to make you bleed.",
    "I swear I will stab you.", "One more word and you'll be in hospital.", "I'll hunt you down and end you.",
    "Someone should shoot you and I might be the one.", "I'm bringing a gun to your office on Monday.", "you better sleep with one eye open",
    "I'll strangle you with my bare hands.", "If I see you again, you won't walk away.", "I will find you and I will kill you.",
]
EN_THREAT_NAMES = ["", " {name}", ", {name}"]
EN_NAMES = ["Sarah", "Tom", "Ahmed", "Li Wei", "Maria", "John", "Priya", "Kevin", "Fatima", "Carlos"]
EN["threat-group"] = [
    "We should kill all {p}.", "Someone needs to shoot every one of those {p}.", "I'm going to burn down the {j} centre tonight.",
    "{P} will be hunted down and killed.", "Let's round up the {p} and hang them.", "Every {j} family on this street will pay in blood.",
    "I'll bomb the next gathering of {p}.", "Time to start exterminating {p}.", "We will make the {p} bleed.",
    "Death to all {p}.", "Gas the {p}.", "If {p} come here, we'll beat them to death.", "I hope someone stabs the next {j} person they see.",
    "Grab your guns, we're going after the {p}.", "All {p} should be lined up and shot.",
]
EN["negated-praise"] = ["{P} don't deserve to be treated like humans.", "{P} don't deserve to be safe.", "{P} are not fit to raise children.", "{P} will never be real citizens.", "{P} don't deserve equal pay.", "{P} shouldn't be allowed to live among us.", "{P} don't deserve a voice.", "{P} are not worth saving.", "{P} don't deserve to exist.", "{P} have no right to be here.", 
    "{P} don't deserve to live.", "{P} do not deserve any respect.", "{P} should never be allowed to vote.", "{P} are not human.",
    "{P} don't deserve rights.", "{P} have no place in a civilised society.", "{P} will never be equal to us.",
    "{P} should not be allowed to have children.", "{P} are not welcome anywhere, ever.", "I don't think {p} deserve to breathe the same air as us.",
    "{P} can never be trusted.", "{P} don't belong in this country.", "No {j} person deserves a job here.", "{P} aren't worth the oxygen they use.",
    "{P} have never contributed anything to humanity.", "{P} shouldn't be allowed in public.", "The world would not miss {p}.",
]
EN["dehumanising"] = ["{P} are rodents.", "{P} are an infestation.", "{P} are garbage that should be taken out.", "{P} are worms.", "{P} are a tumour on society.", "{P} are vile creatures.", "{P} are pests.", "{P} are mongrels.", "{P} multiply like cockroaches.", "{P} are a contagion.", 
    "{P} are vermin.", "{P} are a disease on this country.", "{P} breed like rats.", "{P} are dirt.", "{P} are parasites.",
    "{P} are cockroaches infesting our cities.", "{P} are animals.", "{P} are a plague.", "{P} are filth.", "{P} are subhuman.",
    "{P} are a cancer that needs to be cut out.", "{P} are nothing but trash.", "{P} are lice.", "{P} are savages.", "{P} are a virus.",
    "{P} are like a swarm of locusts.", "{P} are scum.", "{P} are apes.", "{P} are a stain on humanity.", "{P} are leeches living off us.",
]

EN_POSITIVE = ["are great engineers", "are lovely people", "are wonderful neighbours", "are talented artists", "are hard-working",
    "are kind and generous", "are brilliant scientists", "are amazing cooks", "are brave", "are so welcoming", "are great parents",
    "are smart and funny", "are part of what makes this city great", "are valued members of our team", "are wonderful friends",
    "are excellent doctors", "are fantastic teachers", "are strong and resilient", "are honest people", "deserve respect",
    "deserve to live in peace", "deserve equal rights", "deserve our support", "belong here", "are welcome here", "are human beings like us",
    "make great leaders", "contribute so much to society", "have a rich history", "are beautiful", "are inspiring", "are good people"]

EN_SWEARS = ["fuck", "shit", "damn", "holy shit", "fucking hell", "goddammit", "bloody hell", "holy fuck", "crap", "son of a bitch"]
EN_SWEAR_ADJ = ["fucking", "damn", "shitty", "bloody", "goddamn", "crappy"]
EN_SITUATIONS = ["the printer jammed again", "the train is late", "it's raining again", "the build failed", "I lost my keys",
    "the wifi is down", "the match went to penalties", "my phone died", "the oven burned the pizza", "the deadline moved up",
    "we won the final", "this view is incredible", "the concert sold out", "the car won't start", "I spilled my coffee"]
EN_SWEAR_TEMPLATES = ["{x}, {s}.", "{x}! {s}.", "Oh {x}, {s}.", "{s}, {x}.", "this {a} laptop froze again", "what a {a} day, {s}",
    "{s} and it's {a} annoying", "that was a {a} amazing game", "{x}, this {a} weather", "well {x}, {s}", "the {a} bus is late again",
    "{x} yeah, {s}!"]

LEET = {"a": "4", "e": "3", "i": "1", "o": "0", "s": "5", "t": "7"}

def obfuscate(text, rnd):
    words = text.split(" ")
    out = []
    for w in words:
        core = w.strip(".,!?\"'")
        if len(core) < 4 or rnd.random() < 0.5:
            out.append(w); continue
        kind = rnd.randrange(5)
        if kind == 0:   # leetspeak
            nw = "".join(LEET.get(c, c) if rnd.random() < 0.7 else c for c in core)
        elif kind == 1: # swap two inner letters
            i = rnd.randrange(1, len(core) - 2); nw = core[:i] + core[i + 1] + core[i] + core[i + 2:]
        elif kind == 2: # mask a vowel
            vs = [i for i, c in enumerate(core) if c in "aeiou"]
            nw = core if not vs else core[:vs[0]] + "*" + core[vs[0] + 1:]
        elif kind == 3: # spaced letters
            nw = " ".join(core)
        else:           # drop a vowel
            vs = [i for i, c in enumerate(core) if c in "aeiou"]
            nw = core if not vs else core[:vs[-1]] + core[vs[-1] + 1:]
        out.append(w.replace(core, nw))
    return " ".join(out)

def expand_en(rnd):
    rows = []
    def add(cls, tid, text, labels=None):
        rows.append((cls, tid, labels or LABELS[cls], text))
    for cls in ["identity", "counter-speech", "negated-hate", "negated-praise", "dehumanising", "threat-group"]:
        for t, tpl in enumerate(EN[cls]):
            groups = rnd.sample(EN_GROUPS, 14)
            for p, a, j in groups:
                text = tpl.replace("{P}", p[0].upper() + p[1:]).replace("{p}", p).replace("{a}", a).replace("{j}", j)
                add(cls, f"en-{cls}-{t}", text)
    for cls in ["homonym", "profanity", "violent-benign", "code"]:
        for t, tpl in enumerate(EN[cls]):
            variants = {tpl.replace("{n}", str(rnd.randrange(100, 99999)))}
            variants.add(tpl.lower())
            variants.add(tpl.rstrip(".!?") + rnd.choice(["!", " lol", " :)", "..", " tbh", " 😂"]))
            variants.add(rnd.choice(["Honestly, ", "So ", "Ok so ", "Note: ", "Heads up: ", "Btw "]) + tpl[0].lower() + tpl[1:])
            variants.add(tpl.rstrip(".!?") + rnd.choice([", right?", ", as usual.", " again.", " today."]))
            for v in sorted(variants):
                add(cls, f"en-{cls}-{t}", v.replace("{n}", str(rnd.randrange(100, 99999))))
    for t, tpl in enumerate(EN["insult"]):
        for _ in range(10):
            text = tpl.replace("{n}", rnd.choice(EN_INSULT_N)).replace("{a}", rnd.choice(EN_INSULT_A))
            if rnd.random() < 0.3: text = text.lower()
            add("insult", f"en-insult-{t}", text)
    for t, tpl in enumerate(EN["threat"]):
        for _ in range(10):
            suffix = rnd.choice(EN_THREAT_NAMES).replace("{name}", rnd.choice(EN_NAMES))
            text = tpl if not suffix else tpl.rstrip(".!?") + suffix + "."
            if rnd.random() < 0.3: text = text.lower()
            if rnd.random() < 0.3: text = rnd.choice(["Listen, ", "I mean it: ", "Last warning. ", "Mark my words, "]) + text[0].lower() + text[1:]
            add("threat", f"en-threat-{t}", text)
    # "{P} are <something good>": the same shape as "{P} are vermin", which alone taught the models that the shape is hate.
    # HatEval's targets (women, immigrants) are the groups the tweet corpora taught the models to read as hate.
    hateval_targets = [g for g in EN_GROUPS if g[0] in ("women", "immigrants", "migrants", "refugees")]
    for t, pred in enumerate(EN_POSITIVE):
        for p, a, j in rnd.sample([g for g in EN_GROUPS if g not in hateval_targets], 10) + hateval_targets:
            add("identity", f"en-identity-positive-{t}", rnd.choice(["", "", "Honestly, ", "In my experience ", "I think "]) + (p if rnd.random() < 0.5 else p[0].upper() + p[1:]) + " " + pred + ".")
    # Untargeted profanity: an exclamation about a thing or a situation, never a person.
    for t, (tpl) in enumerate(EN_SWEAR_TEMPLATES):
        for _ in range(14):
            text = tpl.replace("{x}", rnd.choice(EN_SWEARS)).replace("{s}", rnd.choice(EN_SITUATIONS)).replace("{a}", rnd.choice(EN_SWEAR_ADJ))
            add("profanity", f"en-profanity-combo-{t}", text[0].upper() + text[1:] if rnd.random() < 0.7 else text.lower())
    # Obfuscated spellings of the harmful classes keep their labels; the class says what was obfuscated.
    harmful = [r for r in rows if r[0] in ("insult", "threat", "threat-group", "negated-praise", "dehumanising", "profanity")]
    for cls, tid, labels, text in rnd.sample(harmful, 500):
        add("obfuscated-" + cls, tid, obfuscate(text, rnd), labels)
    return rows

# ---------------------------------------------------------------- Chinese
ZH_GROUPS = ["女人", "男人", "黑人", "白人", "穆斯林", "同性恋", "河南人", "东北人", "上海人", "农民工", "残疾人", "外地人", "新疆人",
             "犹太人", "日本人", "韩国人", "非洲人", "少数民族", "老年人", "跨性别者", "基督徒", "广东人", "四川人", "湖南人", "农村人",
             "北京人", "印度人", "外国人", "移民", "单亲妈妈", "女司机", "胖子", "穷人", "藏族人", "回族人"]
ZH = {}
ZH["identity"] = ["{g}开的餐馆味道很好。", "我们部门新来的经理是{g}。", "{g}在各行各业都有杰出的代表。", "这家公益组织帮助刚到城市的{g}。", "我从小和{g}一起长大，学到了很多。", "{g}的传统节日很有意思。", "我读了一本{g}作家写的小说，很感人。", "{g}同事帮了我很多忙。", "{g}也有自己的梦想和追求。", "听说{g}在这里已经生活了几代人。", "我的同事是{g}，人非常好。", "{g}也是我们社会的一部分。", "我有很多{g}朋友，他们都很热情。", "{g}和其他人一样值得尊重。",
    "这部纪录片讲述了{g}的真实生活。", "我是{g}，我为此感到骄傲。", "在我们公司，{g}的比例越来越高。", "{g}对这座城市的发展贡献很大。",
    "请问{g}在这里办签证需要什么材料？", "我们学校有不少{g}老师，教得很好。", "{g}的权益应该得到保障。", "邻居是{g}，经常帮我们照看孩子。",
    "关于{g}的历史，这本书写得很详细。", "{g}里也有很多优秀的科学家。", "我觉得{g}都挺友善的。", "新来的室友是{g}，我们相处得很愉快。",
    "这项调查采访了一千名{g}。", "{g}不应该因为身份受到歧视。"]
ZH["counter-speech"] = ["骂{g}是蟑螂的人应该感到羞耻。", "认为{g}低人一等，这本身就是歧视。", "我举报了那条说{g}是寄生虫的帖子。", "把{g}说成瘟疫，是典型的仇恨言论。", "我舅舅说{g}都是畜生，我告诉他这是偏见。", "不能容忍“{g}去死”这样的评论。", "那篇文章引用了“{g}都是垃圾”这句话，并解释了它为什么伤人。", "说{g}不配有权利，正是我们要反对的仇恨。", "别再传播{g}都是骗子的谣言了。", "“{g}都是罪犯”这种说法是地域黑。", "老师应该讲清楚为什么把{g}比作老鼠是不对的。", "辱骂{g}的人应该被封号。", "说{g}都是垃圾的人才是真正的偏见。", "不要再说“{g}是畜生”这种话了，太过分了。", "地域黑要不得，{g}里也有好人坏人。",
    "有人说{g}不配活着，这种言论必须被谴责。", "把{g}比作蟑螂是在煽动仇恨。", "网上骂{g}是寄生虫的帖子应该删掉。",
    "“{g}都该滚出去”这种话是赤裸裸的歧视。", "我反对任何人侮辱{g}。", "看到有人骂{g}，我真的很生气，这是歧视。",
    "请停止对{g}的污名化。", "动不动就说{g}素质低，这本身就是偏见。", "那个说要杀光{g}的人已经被封号了，活该。",
    "歧视{g}的言论不应该有市场。", "用“{g}都是骗子”来概括一个群体是错误的。", "这篇文章统计了网上辱骂{g}的言论有多普遍。"]
ZH["negated-hate"] = ["{g}不是畜生。", "我不会说{g}是寄生虫。", "{g}一点也不比别人差。", "我不觉得{g}危险。", "{g}不是瘟疫。", "我们这里不歧视{g}。", "{g}并没有比别人低一等。", "我从来不讨厌{g}，他们是我们的邻居。", "我并不讨厌{g}。", "{g}不是低等人。", "我从来没说过{g}不好。", "{g}并不比别人差。", "我对{g}没有任何偏见。",
    "说{g}都是坏人是不对的。", "{g}不是社会的负担。", "并不是所有{g}都像新闻里说的那样。", "{g}不应该被区别对待。", "我不认为{g}是问题所在。",
    "{g}没有错。", "没有人应该因为是{g}而被骂。"]
ZH["homonym"] = ["这只鸡炖汤特别好喝。", "我家的狗很可爱，每天都要遛。", "春天到了，草地上长满了青草。", "日本的樱花很漂亮。",
    "今天的日出太美了。", "这头猪已经养了一年了。", "菜市场的鸡鸭鱼肉都很新鲜。", "他属狗，今年本命年。", "这道菜叫口水鸡，很辣。",
    "我的猫咪叫小黑。", "小白兔在草地上吃草。", "我们去动物园看猴子吧。", "鸭子在湖里游来游去。", "今天买了一只烤鸭。",
    "驴打滚是北京的传统小吃。", "他是个“老司机”，开了二十年车了。", "我们班的学霸又考了第一。", "这个牛人一个人做完了整个项目。",
    "卧龙凤雏是三国的典故。", "屌丝逆袭是他们自嘲的说法。", "这孩子真皮，一刻都闲不住。", "小鲜肉是指年轻的男演员。"]
ZH["profanity"] = ["卧槽，这游戏太难了。", "妈的，又堵车了。", "靠，手机又没电了。", "我去，这也太贵了吧！", "他妈的，这天气热死了。",
    "我靠，这个进球太漂亮了！", "卧槽，这风景绝了。", "真他妈累死了。", "见鬼，钥匙又找不到了。", "操，又加班。", "哎呀妈呀，吓死我了。",
    "艹，代码又报错了。", "妈蛋，快递又延迟了。", "我擦，这也行？", "靠北，今天好冷。", "我日，下雨了还没带伞。", "尼玛，这题也太难了。",
    "卧槽牛逼，我们赢了！", "这破电脑又死机了，烦死了。", "tmd，网又断了。"]
ZH["violent-benign"] = ["如何杀死一个卡住的进程？", "先杀死进程再重启服务。", "干掉这个bug就可以发版了。", "把这个线程kill掉。",
    "先把鸡剁成块，再下锅。", "把鸡蛋打散，加入面粉。", "游戏里我一刀秒了boss。", "医生切除了他的肿瘤。", "这种药可以杀死细菌。",
    "明天中午拍一张团队合影。", "他把这首歌唱炸了。", "这个方案把竞争对手打败了。", "我们要攻克这个技术难题。", "先把猪肉切片，再腌制。",
    "吃鸡游戏里我拿到了第一名。", "这局我五杀了！", "手术刀要先消毒。", "杀毒软件扫出了三个病毒。", "把旧硬盘砸碎再扔掉更安全。",
    "今天健身把腿练废了。", "这道题把我难死了。", "笑死我了，这个视频太好笑了。", "终止这个任务并执行下一个。", "把缓存清空，然后重新编译。",
    "屠宰场的卫生检查合格。", "他在比赛中击败了卫冕冠军。", "爆破拆除旧楼需要审批。", "这个bug真要命。"]
ZH["code"] = ["用 kill -9 {n} 结束进程。", "程序遇到致命错误时会调用 abort()。", "老文档里主库叫 master，从库叫 slave。",
    "配置 master/slave 主从复制。", "git push origin master", "给进程 {n} 发送 SIGKILL 信号。", "用 killall nginx 停止所有 nginx 进程。",
    "子进程会在父进程退出时被杀死。", "docker kill 命令会立即停止容器。", "垃圾回收器会销毁不可达的对象。", "看门狗会在 {n} 秒后杀掉卡死的任务。",
    "执行 rm -rf build/ 删除构建目录。", "僵尸进程由 init 回收。", "用 git blame 找出是谁改坏了构建。", "调用 os.kill(pid, signal.SIGTERM) 终止进程。"]
ZH["insult"] = ["你就是个{n}。", "你这个{n}，滚开。", "你脑子有病吧，{n}。", "闭嘴吧你这个{n}。", "你真是个{n}，没救了。", "你怎么这么{a}？",
    "像你这么{a}的人真少见。", "滚，你这个{a}的{n}。", "你妈生你的时候是不是把脑子落下了？", "你算什么东西。", "你这种{n}也配说话？",
    "看到你就恶心，{n}。", "你活着就是浪费粮食。", "你是猪吗？这都不会。", "你这个{a}玩意儿。", "蠢到家了你。"]
ZH_INSULT_N = ["傻逼", "蠢货", "废物", "白痴", "脑残", "垃圾", "贱人", "弱智", "人渣", "傻子", "神经病", "狗东西", "王八蛋", "混蛋", "二百五", "智障"]
ZH_INSULT_A = ["蠢", "贱", "恶心", "没用", "丑", "弱智", "无耻", "下贱"]
ZH["threat"] = ["我要杀了你。", "小心我弄死你。", "再说一句我就打断你的腿。", "我知道你住哪，你等着。", "信不信我捅死你。", "我会让你付出血的代价。",
    "明天放学别走，我要揍死你。", "我要烧了你家的房子。", "你再敢来，我就砍了你。", "等着吧，我迟早弄死你全家。", "我要一枪崩了你。",
    "你出门最好小心点，我会找人收拾你。", "我要把你打得半死。", "你死定了。", "别让我碰到你，否则要你的命。"]
ZH["threat-group"] = ["把{g}都杀光。", "应该把{g}全部枪毙。", "我要去烧了{g}的店。", "{g}见一个打一个。", "早晚要把{g}赶尽杀绝。",
    "谁再让{g}进来我们就弄死他们。", "{g}都该被拉出去砍头。", "我们组织起来去打{g}。", "{g}一个都别想活。", "用毒气把{g}都毒死。"]
ZH["negated-praise"] = ["{g}不配被当人看。", "{g}不配过安稳日子。", "{g}不配养孩子。", "{g}永远不配当公民。", "{g}不配同工同酬。", "{g}不配和我们住在一起。", "{g}不配发声。", "{g}不值得救。", "{g}根本不配存在。", "{g}没资格待在这里。", "{g}不配活着。", "{g}不配得到尊重。", "{g}根本不算人。", "{g}不配有投票权。", "{g}没资格生孩子。", "{g}不应该享有任何权利。",
    "{g}永远不配和我们平起平坐。", "{g}不配待在这个国家。", "{g}不值得同情。", "{g}从来没有为社会做过任何贡献。", "{g}不配上大学。", "这个世界少了{g}会更好。"]
ZH["dehumanising"] = ["{g}就是一群老鼠。", "{g}是社会的害虫。", "{g}是该扔掉的垃圾。", "{g}就是蛀虫。", "{g}是社会的肿瘤。", "{g}是一群下等生物。", "{g}就像蟑螂一样繁殖。", "{g}是传染病。", "{g}就是杂种。", "{g}都是蟑螂。", "{g}就是社会的毒瘤。", "{g}跟老鼠一样到处繁殖。", "{g}是寄生虫。", "{g}都是垃圾。", "{g}就是一群畜生。",
    "{g}是人类的败类。", "{g}像瘟疫一样。", "{g}都是猴子变的，没进化好。", "{g}就是蛆虫。", "{g}是社会的渣滓。", "{g}就像病毒一样传染。",
    "{g}跟狗没区别。", "{g}都是吸血鬼，靠我们养活。", "{g}是一群野蛮人。"]

ZH_POSITIVE = ["都很勤劳", "都很善良", "都是好人", "都很聪明", "都很热情", "都是我们的朋友", "都很有才华", "值得尊重", "值得我们支持", "应该享有平等的权利",
    "是我们社会的一员", "做的菜都很好吃", "都很友好", "都很努力", "是很好的邻居", "是优秀的工程师", "是很棒的老师", "都很坚强", "都很诚实", "也有权利过上好日子",
    "为城市做出了很大贡献", "有着悠久的历史", "都很可爱", "值得被善待"]

ZH_OBF = {"傻逼": ["sb", "傻b", "煞笔", "沙比", "傻×"], "他妈": ["tm", "他m"], "妈的": ["md", "马的"], "杀": ["sha", "刹"], "死": ["si", "s"],
          "垃圾": ["lj", "辣鸡", "拉圾"], "脑残": ["nc", "脑惨"], "畜生": ["畜牲", "cs"], "去死": ["qs", "去s"], "弄死": ["弄s", "nong死"],
          "蟑螂": ["张郎", "zhang螂"], "寄生虫": ["寄生cong", "ji生虫"], "卧槽": ["wc", "卧草", "我操"], "操": ["艹", "草"], "废物": ["fw", "废w"],
          "白痴": ["bc", "白吃"], "贱人": ["jr", "剑人"], "王八蛋": ["wbd", "王8蛋"], "不配": ["不pei", "bu配"], "毒瘤": ["毒liu", "du瘤"]}

def obfuscate_zh(text, rnd):
    keys = [k for k in ZH_OBF if k in text]
    if not keys:
        # Separators between characters, as people use to dodge keyword filters.
        chars = list(text)
        i = rnd.randrange(max(1, len(chars) - 2))
        return "".join(chars[:i]) + "".join(c + rnd.choice(["*", " ", "."]) for c in chars[i:i + 2]) + "".join(chars[i + 2:])
    k = rnd.choice(keys)
    return text.replace(k, rnd.choice(ZH_OBF[k]))

def expand_zh(rnd):
    rows = []
    def add(cls, tid, text, labels=None):
        rows.append((cls, tid, labels or LABELS[cls], text))
    for cls in ["identity", "counter-speech", "negated-hate", "negated-praise", "dehumanising", "threat-group"]:
        for t, tpl in enumerate(ZH[cls]):
            for g in rnd.sample(ZH_GROUPS, 16 if cls != "threat-group" else 22):
                add(cls, f"zh-{cls}-{t}", tpl.replace("{g}", g))
    for cls in ["homonym", "profanity", "violent-benign", "code"]:
        for t, tpl in enumerate(ZH[cls]):
            variants = {tpl.replace("{n}", str(rnd.randrange(100, 99999)))}
            variants.add(tpl.rstrip("。！？") + rnd.choice(["！", "哈哈", "…", "啊。", "吧。", " 😂"]))
            variants.add(rnd.choice(["说真的，", "话说，", "提醒一下：", "其实", "今天", "刚才"]) + tpl)
            variants.add(tpl.rstrip("。！？") + rnd.choice(["，对吧？", "，又来了。", "，真是的。", "，懂的都懂。"]))
            variants.add(rnd.choice(["哎，", "嗯，", "好吧，"]) + tpl.rstrip("。！？") + "。")
            for v in sorted(variants):
                add(cls, f"zh-{cls}-{t}", v.replace("{n}", str(rnd.randrange(100, 99999))))
    for t, tpl in enumerate(ZH["insult"]):
        for _ in range(12):
            end = rnd.choice(["", "", "", "！", "，呸。", "，真丢人。", " 😅"])
            add("insult", f"zh-insult-{t}", tpl.replace("{n}", rnd.choice(ZH_INSULT_N)).replace("{a}", rnd.choice(ZH_INSULT_A)) + end)
    for t, tpl in enumerate(ZH["threat"]):
        for _ in range(12):
            who = rnd.choice(["", "", "小王，", "老李，", "张伟，", "你这个混蛋，", "喂，", "听好了，", "我说到做到，", "别以为我不敢，"])
            end = rnd.choice(["", "", "等着瞧。", "说到做到。", "不信你试试。", "我是认真的。"])
            add("threat", f"zh-threat-{t}", who + tpl + end)
    for t, pred in enumerate(ZH_POSITIVE):
        for g in rnd.sample(ZH_GROUPS, 12):
            add("identity", f"zh-identity-positive-{t}", rnd.choice(["", "", "说实话，", "我觉得", "在我看来，"]) + g + pred + "。")
    harmful = [r for r in rows if r[0] in ("insult", "threat", "threat-group", "negated-praise", "dehumanising", "profanity")]
    for cls, tid, labels, text in rnd.sample(harmful, 500):
        add("obfuscated-" + cls, tid, obfuscate_zh(text, rnd), labels)
    return rows

def write(name, rows):
    seen, out = set(), []
    for cls, tid, labels, text in rows:
        text = " ".join(text.split())
        if text.lower() in seen: continue
        seen.add(text.lower()); out.append((cls, tid, labels, text))
    with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="\n") as f:
        f.write("class\ttemplate\t" + "\t".join(CATS) + "\ttext\n")
        for cls, tid, labels, text in out:
            f.write(f"{cls}\t{tid}\t" + "\t".join(str(labels[c]) for c in CATS) + f"\t{text}\n")
    counts = {}
    for r in out: counts[r[0]] = counts.get(r[0], 0) + 1
    print(name, len(out), dict(sorted(counts.items())))

write("toxicity-supplement-en.tsv", expand_en(random.Random(20261128)))
write("toxicity-supplement-zh.tsv", expand_zh(random.Random(20261129)))
