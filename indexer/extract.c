/*
 * extract.c - quotation and speaker extraction (see quoth/extract.h).
 *
 * The text is cut once into tokens (words, punctuation, quotation marks,
 * line breaks) with byte offsets; everything after works on tokens:
 *
 *   1. pairing: quotation marks are paired line by line with a small stack,
 *      so a stray mark can never open a quotation that runs past its
 *      paragraph (a line end with an open quotation either continues into a
 *      reopened paragraph, a wrapped line that closes it, or ends it);
 *   2. names: a pass over capitalised runs collects the full names the text
 *      gives ("Russian Foreign Minister Sergey Lavrov" -> "Sergey Lavrov"),
 *      so that a later "Lavrov" can be resolved to it;
 *   3. attribution, quotation by quotation in text order (so that earlier
 *      speakers are known when a pronoun is resolved): "according to X",
 *      a cue verb in the sentence before the quotation, "X said"/"said X"
 *      after it, "X: “…”" (of a list "NAME, TITLE, FIRM, CITY: “…”", its
 *      head), the head of the line (when near the quotation or naming
 *      someone named in full) or of the enclosing outline bullets, and last
 *      the speaker of the previous paragraph's quotation when this one
 *      stands alone.
 *
 * Why rules instead of a model: the extractor runs inside the indexer over
 * whole archives, with no data files, and its decisions must be explainable
 * to a researcher who asks why a quotation got its speaker.
 */
#include <limits.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "quoth/extract.h"

struct quoth_quotes {
	quoth_quote_t *v;
	size_t n;
};

/* ---- word lists (lower case; "'" stands for both apostrophes) ---- */

static const char *const CUES[] = {
	"said", "says", "say", "saying", "told", "tells", "tell", "telling",
	"added", "adds", "adding", "asked", "asks", "noted", "notes", "noting",
	"warned", "warns", "warning", "wrote", "writes", "writing", "tweeted",
	"tweets", "tweeting", "posted", "explained", "explains", "explaining",
	"stated", "states", "declared", "declares", "declaring", "insisted",
	"insists", "insisting", "argued", "argues", "arguing", "claimed",
	"claims", "claiming", "continued", "continues", "recalled", "recalls",
	"recalling", "replied", "replies", "responded", "responds", "answered",
	"acknowledged", "acknowledges", "admitted", "admits", "announced",
	"announces", "observed", "observes", "remarked", "stressed",
	"stresses", "stressing", "emphasized", "emphasised", "emphasizes",
	"emphasises", "emphasizing", "emphasising", "suggested", "suggests",
	"conceded", "concedes", "cautioned", "cautions", "complained",
	"complains", "joked", "jokes", "quipped", "quips", "shouted", "yelled",
	"predicted", "predicts", "maintained", "maintains", "countered",
	"counters", "called", "calls", "calling", "described", "describes",
	"describing", "reiterated", "reiterates", "reiterating", "lamented",
	"laments", "urged", "urges", "vowed", "vows", "promised", "promises",
	"pledged", "pledges", "boasted", "boasts", "concluded", "confirmed",
	"confirms", "contended", "contends", "demanded", "mused", "recounted",
	"retorted", "testified", "whispered", "agreed", "objected",
	"proclaimed", "reported", "speculated", "thundered", "texted",
	"emailed", "wondered", "accused", "accuses", "blasted", "slammed",
	"criticized", "criticised", "charged", "alleged", "expressed",
	"asserted", "asserts", "affirmed", "mentioned", "repeated",
	"reminded", "disclosed", "revealed", "insisted", "exclaimed",
	"denied", "denies", "dubbed", "labeled", "labelled", "branded",
	"termed", "praised", "predicted", "quoted", "assured", "hinted",
	"signaled", "signalled", "acknowledging", "announcing", "telling",
	"writes", "adds", "explain", "argue", "claim", "warn", "insist",
	"note", "add", "ask", "tweet", "write", "call", "describe",
};

/* Verbs of saying by lemma; cue_word() matches their inflections. */
static const char *const CUE_LEMMAS[] = {
	"say", "tell", "add", "ask", "note", "warn", "write", "tweet", "post",
	"explain", "state", "declare", "insist", "argue", "claim", "continue",
	"recall", "reply", "respond", "answer", "acknowledge", "admit",
	"announce", "observe", "remark", "stress", "emphasize", "emphasise",
	"suggest", "concede", "caution", "complain", "joke", "quip", "shout",
	"yell", "predict", "maintain", "counter", "call", "describe",
	"reiterate", "lament", "urge", "vow", "promise", "pledge", "boast",
	"conclude", "confirm", "contend", "demand", "muse", "recount",
	"retort", "testify", "whisper", "agree", "object", "proclaim",
	"report", "speculate", "thunder", "text", "email", "e-mail", "wonder",
	"accuse", "blast", "slam", "criticize", "criticise", "charge",
	"allege", "express", "assert", "affirm", "mention", "repeat",
	"remind", "disclose", "reveal", "exclaim", "deny", "dub", "label",
	"brand", "term", "praise", "quote", "assure", "hint", "signal",
	"echo", "scoff", "interject", "opine", "tout", "brag", "sneer",
	"snap", "plead", "recite", "advise", "inform", "summarize",
	"summarise", "cry", "groan", "gush", "marvel", "mock", "protest",
	"rail", "sing", "chant", "write", "pen", "thank", "tease",
	"lecture", "preach", "rant", "fume", "reason", "estimate",
	"forecast", "question", "challenge", "concur", "confess", "bemoan",
	"decry", "declare", "promise", "threaten", "apologize", "apologise",
	"announce", "insist", "recommend", "reassure", "respond",
};

/* Cues that may come before their subject: "…,” said Lavrov. */
static const char *const CUES_FIRST[] = {
	"said", "says", "added", "adds", "asked", "asks", "wrote", "writes",
	"tweeted", "tweets", "continued", "continues", "explained", "noted",
	"notes", "recalled", "replied", "responded", "declared", "insisted",
	"argued", "warned", "stated", "observed", "remarked", "quipped",
	"joked", "cautioned", "countered", "concluded", "acknowledged",
	"admitted", "exclaimed", "posted", "answered", "shouted", "offered",
	"reported", "reports", "wrote", "recalls", "explains", "adds",
	"warns", "argues", "insists", "notes", "concludes", "concluded",
};

/* Words that sit between a subject and its verb: "Lavrov later said". */
static const char *const AUX[] = {
	"also", "later", "then", "again", "has", "had", "have", "is", "was",
	"were", "are", "would", "will", "could", "did", "does", "do", "once",
	"further", "still", "even", "only", "never", "not", "just", "quoted",
	"as", "been", "being", "once", "first", "previously", "recently",
	"reportedly", "repeatedly", "simply", "flatly", "bluntly", "earlier",
	"today", "yesterday", "tonight", "privately", "publicly", "often",
	"frequently", "ultimately", "finally", "initially", "separately",
	"subsequently", "may", "might", "must", "should", "can",
};

static const char *const PRONOUNS[] = {
	"he", "she", "they", "it", "i", "we", "you",
};

/* Formal titles and modifiers in front of a name; never part of it. */
static const char *const TITLES[] = {
	"president", "minister", "secretary", "state", "foreign", "deputy",
	"prime", "vice", "senator", "sen.", "rep.", "representative", "gov.",
	"governor", "mr.", "mrs.", "ms.", "mr", "mrs", "ms", "dr.", "dr",
	"gen.", "general", "ambassador", "spokesman", "spokeswoman",
	"spokesperson", "chancellor", "mayor", "chairman", "chairwoman",
	"chair", "director", "chief", "commissioner", "envoy", "judge",
	"justice", "attorney", "secretary-general", "lt.", "col.", "colonel",
	"sgt.", "capt.", "captain", "adm.", "admiral", "maj.", "prof.",
	"professor", "rev.", "reverend", "sir", "lord", "pope", "sheikh",
	"emir", "press", "u.s.", "us", "un", "u.n.", "uk", "u.k.", "eu",
	"nato", "defense", "defence", "interior", "finance", "economy",
	"trade", "house", "senate", "speaker", "leader", "majority",
	"minority", "whip", "former", "acting", "senior", "candidate",
	"nominee", "presidential", "democratic", "republican", "gop",
	"congressman", "congresswoman", "assemblyman", "councilman",
	"commander", "officer", "official", "aide", "adviser", "advisor",
	"lawmaker", "ceo", "cfo", "coo", "executive", "founder", "anchor",
	"host", "moderator", "correspondent", "columnist", "analyst",
	"economist", "expert", "mfa", "kremlin", "white", "national",
	"security", "advisor", "counsel", "sec.", "supt.", "insp.", "amb.",
	"first", "lady", "queen", "prince", "princess", "crown", "field",
	"marshal", "premier", "gov", "rep", "sen", "pres.", "atty.",
	"assistant", "undersecretary", "under", "head", "staff",
	"treasurer", "superintendent", "comptroller", "trustee",
	"president-elect", "vice-president", "vice-chairman", "vice-chair",
	"director-general", "managing", "partner", "prof", "lt", "col",
	"sgt", "capt", "maj", "adm", "cmdr", "cdr", "brig", "supt", "insp",
	"det", "rev", "cllr", "councillor", "councilor", "mp", "mep", "msp",
	"mla", "dame", "baroness", "archbishop", "rabbi", "ayatollah",
};

/* A person by nationality ("the American said", "the 55-year-old
 * Frenchman told"; DEMONYM_NOUNS too): a description, which stands for
 * someone the text names, as "he" does.  Not the words that also name a
 * people ("the French", "the Swiss"). */
static const char *const DEMONYMS[] = {
	"american", "australian", "german", "russian", "brazilian",
	"argentine", "argentinian", "italian", "kenyan", "canadian", "belgian",
	"norwegian", "czech", "austrian", "mexican", "colombian", "nigerian",
	"ethiopian", "jamaican", "israeli", "palestinian", "iranian", "iraqi",
	"egyptian", "indian", "pakistani", "ukrainian", "georgian",
	"south-african",
};

/* Nouns for a person of a country or a place: descriptors (see
 * DESCRIPTORS: "Frenchman Louis Gallois") and nationalities (see
 * DEMONYMS: "the Dutchman said"). */
static const char *const DEMONYM_NOUNS[] = {
	"briton", "scot", "frenchman", "englishman", "irishman", "scotsman",
	"welshman", "dutchman", "yorker", "londoner", "texan", "spaniard",
	"swede", "dane", "pole", "finn", "croat", "serb",
};

/* Titles of peers, who are named before their seats ("Lord Nicholls of
 * Birkenhead" is Nicholls). */
static const char *const PEERS[] = { "lord", "baroness", "lady" };

/* Letters after a name ("Paul Boateng MP", "Michael Mansfield QC"): not
 * part of it.  Some are titles in front of one too ("Labour MP Karen
 * Buck"). */
static const char *const POSTNOMINALS[] = {
	"mp", "mep", "msp", "mla", "qc", "kc", "obe", "mbe", "cbe",
};

/* Words that describe a person in front of the name, in a style without
 * commas ("Tory MP Boris Johnson", "Singer Bruce Springsteen", "New
 * Yorker Dick Morris"), but that are also surnames, given names or parts
 * of other names ("Peter Singer", "Tory Burch", "the Liberal
 * Democrats"): in a speaker's name, one of these is a title only when
 * two words or more of the name follow it.  DEMONYM_NOUNS are these
 * too. */
static const char *const DESCRIPTORS[] = {
	"tory", "tories", "labour", "conservative", "liberal", "lib", "dem",
	"dems", "ukip", "snp", "unionist", "nationalist", "socialist", "actor",
	"actress", "singer", "comedian", "presenter", "broadcaster", "writer",
	"author", "novelist", "playwright", "poet", "producer", "rapper",
	"musician", "guitarist", "frontman", "designer", "chef", "artist",
	"photographer", "film-maker", "filmmaker", "coach", "manager", "boss",
	"striker", "midfielder", "defender", "goalkeeper", "keeper", "winger",
	"skipper", "referee", "player", "champion", "boxer", "golfer",
	"athlete", "jockey", "trainer", "batsman", "bowler", "businessman",
	"businesswoman", "tycoon", "entrepreneur", "campaigner", "activist",
	"lawyer", "barrister", "solicitor", "historian", "scientist",
	"researcher", "doctor", "surgeon", "gen", "bishop", "cardinal", "imam",
	"earl", "peer", "team-mate", "teammate", "colleague", "veteran",
	"compatriot", "countryman", "financier", "investor", "billionaire",
};

/* Lower-case heads of a descriptive speaker ("the senior official"). */
static const char *const ROLES[] = {
	"spokesman", "spokeswoman", "spokesperson", "official", "officials",
	"diplomat", "diplomats", "aide", "aides", "adviser", "advisers",
	"advisor", "analyst", "analysts", "expert", "experts", "source",
	"sources", "director", "chief", "head", "leader", "member",
	"lawmaker", "lawmakers", "representative", "correspondent",
	"reporter", "editor", "professor", "researcher", "economist",
	"executive", "manager", "officer", "chairman", "president",
	"minister", "secretary", "ambassador", "envoy", "commander",
	"candidate", "nominee", "strategist", "consultant", "attorney",
	"lawyer", "judge", "senator", "governor", "mayor", "statement",
	"ministry", "spokespeople", "administration", "campaign", "general",
	"premier", "chancellor", "founder", "ceo", "observer", "observers",
	"critic", "critics", "supporter", "supporters", "voter", "voters",
	"resident", "residents", "witness", "witnesses", "police",
	"prosecutor", "prosecutors", "investigator", "investigators",
	"agency", "government", "report", "document", "memo", "letter",
	"employee", "employees", "worker", "workers", "activist", "activists",
	"pollster", "strategist", "historian", "scientist", "author",
	"writer", "host", "anchor", "moderator", "columnist", "organizer",
	"chief", "ceo", "partner", "friend", "neighbor", "neighbour",
	"mother", "father", "son", "daughter", "wife", "husband", "brother",
	"sister", "owner", "student", "teacher", "doctor", "delegate",
	"delegates", "office", "team", "statement", "aide", "surrogate",
	"congressman", "congresswoman", "businessman", "businesswoman",
	"billionaire", "mogul", "frontrunner", "front-runner", "challenger",
	"rival", "opponent", "incumbent", "republican", "democrat",
	/* people by trade ("the British actor said") */
	"actor", "actress", "singer", "comedian", "presenter", "novelist",
	"playwright", "poet", "producer", "rapper", "musician", "guitarist",
	"frontman", "designer", "chef", "artist", "photographer",
	"film-maker", "filmmaker", "coach", "striker", "midfielder",
	"defender", "goalkeeper", "winger", "skipper", "referee", "player",
	"champion", "boxer", "golfer", "athlete", "jockey", "batsman",
	"bowler", "tycoon", "entrepreneur", "campaigner", "barrister",
	"solicitor", "surgeon", "veteran", "teammate", "team-mate",
	/* the market's voices ("Dealers said", "one trader said") */
	"dealer", "dealers", "trader", "traders", "banker", "bankers",
	"broker", "brokers", "economists", "executives", "investors",
};

/* Lower-case words inside a descriptive noun phrase. */
static const char *const NP_ADJ[] = {
	"senior", "former", "top", "deputy", "press", "foreign", "defense",
	"defence", "national", "security", "military", "state", "campaign",
	"white", "house", "federal", "local", "chief", "high-ranking",
	"unnamed", "anonymous", "one", "another", "longtime", "veteran",
	"political", "public", "policy", "communications", "government",
	"administration", "intelligence", "health", "election", "party",
	"presidential", "other", "two", "three", "several", "many", "some",
	"russian", "american", "british", "of",
};

/* Capitalised heads that name an organisation, not a person. */
static const char *const ORGS[] = {
	"ministry", "department", "office", "committee", "council", "party",
	"government", "administration", "agency", "service", "commission",
	"court", "police", "army", "navy", "military", "campaign", "embassy",
	"kremlin", "pentagon", "house", "bank", "fund", "corp.", "corp",
	"inc.", "inc", "company", "group", "association", "union",
	"university", "institute", "center", "centre", "foundation",
	"college", "chamber", "society", "academy",
	"organization", "organisation", "times", "post", "news", "network",
	"reuters", "press", "channel", "tv", "television", "journal",
	"magazine", "senate", "congress", "parliament", "duma", "assembly",
	"board", "bureau", "authority", "coalition", "alliance", "forces",
	"mission", "secretariat", "cabinet", "nations", "command", "guard",
	"club", "council", "federation", "league", "tribunal", "unit",
	"staff", "monitor", "observatory", "ap", "afp", "cnn", "bbc", "nbc",
	"cbs", "abc", "msnbc", "fox", "tass", "interfax", "ria", "xinhua",
	"tribune", "herald", "gazette", "guardian", "telegraph", "agency",
	"fbi", "cia", "nsa", "dnc", "rnc", "gop", "opec", "who", "imf",
	"nato", "un", "u.n.", "eu", "mfa", "state-run", "white", "fed",
};

/* Words that end a company's name: "Ford Motor Co", "Rio Tinto Plc". */
static const char *const CORP_SUFFIXES[] = {
	"co", "co.", "cos", "cos.", "inc", "inc.", "corp", "corp.", "ltd",
	"ltd.", "llc", "plc", "ag", "sa", "nv", "lp", "l.p.", "group",
	"holdings",
};

/* A title's seat that is never a name's first word: "Chancellor of the
 * Exchequer Nigel Lawson", "Secretary of Commerce Malcolm Baldrige". */
static const char *const SEATS[] = {
	"exchequer", "commerce", "agriculture", "energy", "treasury",
	"labor", "labour", "health", "education", "transportation",
	"transport", "justice", "currency", "defense", "defence", "state",
	"finance", "interior", "industry", "trade", "housing", "environment",
};

/* Heads of place names, which are not people ("South Carolina"). */
static const char *const PLACES[] = {
	"carolina", "york", "east", "west", "north", "south", "states",
	"america", "korea", "jersey", "hampshire", "dakota", "virginia",
	"kingdom", "republic", "city", "county", "island", "islands",
	"valley", "street", "avenue", "square", "bay", "river", "lake",
	"mountain", "mountains", "beach", "park", "hall", "church", "school",
	"airport", "station", "bridge", "hill", "capitol", "coast", "gulf",
	"sea", "ocean", "peninsula", "strait", "province", "district",
	"region", "arabia", "africa", "europe", "asia", "zealand", "emirates",
	"angeles", "francisco", "vegas", "orleans", "mexico", "rico",
	"heights", "plaza", "tower", "center", "road", "lane", "canyon",
	"village", "town", "township", "borough", "territory", "territories",
	"bank", "strip", "desert", "land", "wood", "woods", "field", "fields",
	"arena", "stadium", "garden", "gardens", "room", "office",
};

/* Capitalised words that start sentences or name times, not people. */
static const char *const STOPS[] = {
	"the", "a", "an", "and", "but", "or", "so", "yet", "for", "nor", "in",
	"on", "at", "to", "of", "by", "with", "from", "as", "if", "when",
	"while", "after", "before", "since", "because", "though", "although",
	"this", "that", "these", "those", "it", "he", "she", "they", "we",
	"i", "you", "his", "her", "their", "our", "my", "your", "its",
	"there", "here", "what", "who", "whom", "whose", "which", "where",
	"why", "how", "also", "however", "still", "meanwhile", "now",
	"later", "earlier", "today", "yesterday", "tomorrow", "monday",
	"tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"january", "february", "march", "april", "june", "july", "august",
	"september", "october", "november", "december", "jan.", "feb.",
	"aug.", "sept.", "oct.", "nov.", "dec.", "asked", "speaking",
	"according", "one", "some", "many", "most", "all", "both", "each",
	"every", "no", "not", "yes", "just", "even", "only", "instead",
	"indeed", "thus", "hence", "therefore", "again", "perhaps", "maybe",
	"overall", "despite", "during", "under", "over", "about", "against",
	"without", "within", "among", "between", "into", "through", "until",
	"unlike", "like", "including", "other", "another", "such", "said",
	"says", "update", "photo", "read", "related", "advertisement",
	"additional",	/* "(Additional reporting by ...)" */
	"click", "share", "subscribe", "join", "follow", "then", "do",
	"does", "did", "is", "are", "was", "were", "be", "has", "have",
	"had", "will", "would", "can", "could", "should", "may", "might",
	"must", "let", "don't", "it's", "that's", "there's", "here's",
	"what's", "we're", "i'm", "i've", "i'll", "we've", "you're",
	"i'd", "we'd", "you'd", "he'd", "she'd", "they'd", "we'll", "you'll",
	"he'll", "she'll", "they'll", "they're", "they've", "you've", "he's",
	"she's", "let's", "isn't", "wasn't", "can't", "won't", "didn't",
	"doesn't", "couldn't", "wouldn't", "shouldn't", "aren't", "weren't",
	"haven't", "hasn't", "hadn't",
	"thank", "thanks", "please", "well", "oh", "sir", "ok", "okay",
	"never", "always", "very", "more", "less", "first", "last", "next",
	"new", "mr.", "mrs.", "ms.", "dr.", "mr", "mrs", "ms", "dr",
	"background", "bottom-line", "note", "source", "sources", "editor's",
	"breaking", "exclusive", "watch", "video", "listen", "see", "via",
	"image", "images", "getty", "reuters/", "ap/", "day", "week", "month",
	"others", "commentary", "comments", "comment", "reaction",
	"year", "morning", "afternoon", "evening", "night", "once", "twice",
};

/* Participles and adverbs that open a sentence ("Given China's role",
 * "Echoing Bernanke, Kohn said"): stops there only, for some are
 * surnames too ("Jeff Given"). */
static const char *const OPENERS[] = {
	"given", "following", "contrasting", "echoing", "citing", "noting",
	"adding", "calling", "reflecting", "commenting", "responding",
	"reacting", "referring", "explaining", "describing", "pointing",
	"warning", "addressing", "asking", "urging", "amid", "separately",
	"elsewhere",
};

static const char *const PREPS[] = {
	"against", "with", "to", "for", "from", "by", "of", "at", "on",
	"about", "toward", "towards", "between", "among", "into", "than",
	"over", "under", "like", "including", "versus", "vs.", "behind",
	"without", "upon", "onto", "beside", "besides", "unlike", "whom",
	"accused", "met", "meet", "meeting", "called", "invited", "urged",
	"told", "asked", "thanked", "praised", "criticized", "blamed",
};

static const char *const PARTICLES[] = {
	"al", "bin", "ibn", "de", "van", "von", "der", "da", "di", "la", "le",
	"du", "dos", "del", "abu", "el", "ben", "mac", "st.", "y",
};

/* Common Chinese and Korean family names, which English text writes
 * first ("Premier Wen Jiabao" ... "Wen said"). */
static const char *const FAMILY_FIRST[] = {
	"wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu",
	"zhou", "xu", "sun", "ma", "zhu", "hu", "guo", "lin", "luo", "zheng",
	"liang", "xie", "song", "tang", "han", "feng", "deng", "cao", "peng",
	"zeng", "xiao", "tian", "dong", "pan", "yuan", "cai", "jiang", "yu",
	"du", "ye", "cheng", "wei", "su", "lu", "ding", "ren", "shen", "yao",
	"jin", "fu", "zhong", "cui", "tan", "lou", "qin", "shi", "wen", "bo",
	"xi", "yi", "gao", "hao", "kong", "bai", "xiang", "xing", "zhi", "qi",
	"mao", "jia", "meng", "qian", "gu", "niu", "kim", "lee", "park",
	"choi", "jung", "chung", "kang", "cho", "yoon", "jang", "lim", "oh",
	"seo", "shin", "kwon", "hwang", "ahn", "yoo", "hong", "jeon", "ko",
	"moon", "son", "bae", "baek", "nam", "roh", "ban", "min", "jun", "ha",
};

static const char *const TIMES[] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
	"sunday", "today", "yesterday", "tonight", "morning", "afternoon",
	"evening", "night", "week", "weekend", "month", "year",
};

static const char *const ABBREVS[] = {
	"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col",
	"sgt", "jr", "sr", "st", "prof", "rev", "capt", "maj", "adm", "hon",
	"pres", "mt", "ft", "atty", "supt", "cmdr", "insp", "amb", "jan",
	"feb", "aug", "sept", "oct", "nov", "dec", "corp", "inc", "ltd", "co",
	"vs", "no", "sec", "messrs", "gens", "sens", "reps",
};

/* Transliteration variants of one name word, each to one spelling. */
static const char *const VARIANTS[][2] = {
	{"sergey", "Sergei"}, {"sergej", "Sergei"}, {"dmitri", "Dmitry"},
	{"dmitriy", "Dmitry"}, {"dmitrii", "Dmitry"}, {"alexey", "Alexei"},
	{"aleksei", "Alexei"}, {"aleksey", "Alexei"}, {"alexej", "Alexei"},
	{"yury", "Yuri"}, {"yuriy", "Yuri"}, {"iurii", "Yuri"},
	{"yurij", "Yuri"}, {"andrey", "Andrei"}, {"andrej", "Andrei"},
	{"nikolay", "Nikolai"}, {"aleksandr", "Alexander"},
	{"alexandr", "Alexander"}, {"evgeny", "Yevgeny"},
	{"evgeniy", "Yevgeny"}, {"yevgeniy", "Yevgeny"},
	{"evgenii", "Yevgeny"}, {"georgiy", "Georgy"}, {"georgii", "Georgy"},
	{"anatoliy", "Anatoly"}, {"anatolii", "Anatoly"},
	{"vitaliy", "Vitaly"}, {"vitalii", "Vitaly"}, {"valeriy", "Valery"},
	{"valerii", "Valery"}, {"arkadiy", "Arkady"}, {"grigoriy", "Grigory"},
	{"vasiliy", "Vasily"}, {"vasili", "Vasily"}, {"matvey", "Matvei"},
	{"timofey", "Timofei"}, {"fedor", "Fyodor"}, {"petr", "Pyotr"},
	{"mikhael", "Mikhail"}, {"maksim", "Maxim"}, {"aleksey", "Alexei"},
	{"zelenskiy", "Zelensky"}, {"zelenskyy", "Zelensky"},
	{"zelenskii", "Zelensky"}, {"navalnyy", "Navalny"},
	{"qaddafi", "Gaddafi"}, {"kadhafi", "Gaddafi"}, {"qadhafi", "Gaddafi"},
	{"gadhafi", "Gaddafi"}, {"moammar", "Muammar"}, {"mouammar", "Muammar"},
	{"peskov", "Peskov"}, {"medvedyev", "Medvedev"},
	{"gorbachov", "Gorbachev"}, {"khrushchyov", "Khrushchev"},
	{"yeltsyn", "Yeltsin"}, {"zakharova", "Zakharova"},
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* ---- tokens ---- */

enum { T_WORD, T_PUNCT, T_MARK, T_NL };
enum { M_DOUBLE = 1, M_SINGLE, M_GUIL };
enum { S_OPEN = 1, S_CLOSE, S_STRAIGHT };

enum {
	F_CAP = 1 << 0, F_POSS = 1 << 1, F_STOP = 1 << 2, F_TITLE = 1 << 3,
	F_ROLE = 1 << 4, F_ORG = 1 << 5, F_PRON = 1 << 6, F_CUE = 1 << 7,
	F_AUX = 1 << 8, F_PREP = 1 << 9, F_PART = 1 << 10, F_TIME = 1 << 11,
	F_ADJ = 1 << 12, F_CUE1 = 1 << 13, F_UPPER = 1 << 14, F_DET = 1 << 15,
	F_LY = 1 << 16, F_PLACE = 1 << 17, F_LEMMA = 1 << 18,
	F_FAMILY = 1 << 19, F_OPENER = 1 << 20, F_DESC = 1 << 21,
};

struct tok {
	size_t s, e;
	unsigned char kind, fam, shape;
	unsigned char lsp, rsp;	/* mark: space or line edge before / after */
	int flags;
	int nl;			/* T_NL: newlines in the run */
	int line;
	int q;			/* piece containing the token, or -1 */
};

struct line {
	int indent;		/* columns before the first mark or word */
	bool bullet;
	int tok0;		/* first token after indentation and bullet */
	int tok1;		/* one past the last token of the line */
};

enum { A_NONE, A_PERSON, A_ORG, A_PRON, A_DESC };

struct attr {
	int kind;
	int a, b;		/* mention: tokens [a, b] */
	int na;			/* name part: tokens [na, b] */
	int cue0, cue1;		/* cue tokens, -1 when none */
	bool colon;		/* the cue is a colon */
	char *speaker;		/* resolved, owned */
	char *mention;		/* owned */
	char *cue;		/* owned */
};

struct piece {
	size_t s, e;		/* content bytes, trimmed */
	int topen, tclose;	/* mark tokens; tclose -1 when unclosed */
	int tend;		/* last token inside */
	int chain;		/* first piece of its quotation */
	bool end_sent;		/* the content ends a sentence */
	bool end_comma;
	struct attr at;
};

struct person {
	char *name;		/* canonical full name */
	char *sur;		/* last word, lower-case, particle stripped */
	size_t pos;
	bool full;		/* two words or more */
	char *titles;		/* the words before the name, lower-case */
};

struct ex {
	const char *t;
	size_t n;
	struct tok *tok;
	int ntok, captok;
	struct line *ln;
	int nln;
	struct piece *pc;
	int npc, cappc;
	struct person *per;
	int nper, capper;
	int (*firm)[2];		/* collect_firms(): first and last token */
	int nfirm, capfirm;
	const struct wtab *wt;
	unsigned char *soft;	/* soft_breaks(): bit per byte, wrapped '\n' */
	bool oom;
};

/* ---- byte helpers ---- */

static bool is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

static bool is_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z');
}

static unsigned char lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

/* Decodes the code point at P (at most N bytes); *LEN its length.  Bad
 * sequences read as one byte U+FFFD. */
static unsigned cp_at(const unsigned char *p, size_t n, int *len)
{
	unsigned c = p[0];
	int l = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
	if (c >= 0x80 && c < 0xc0)
		l = 0;
	if (l == 0 || (size_t)l > n) {
		*len = 1;
		return 0xfffd;
	}
	unsigned v = l == 1 ? c : l == 2 ? c & 0x1f : l == 3 ? c & 0x0f : c & 0x07;
	for (int i = 1; i < l; i++) {
		if ((p[i] & 0xc0) != 0x80) {
			*len = 1;
			return 0xfffd;
		}
		v = v << 6 | (p[i] & 0x3f);
	}
	*len = l;
	return v;
}

enum { C_SPACE, C_NL, C_WORD, C_PUNCT, C_MARK, C_SKIP };

/* Class of code point V; for quotation marks, *FAM and *SHAPE. */
static int cls(unsigned v, int *fam, int *shape)
{
	*fam = *shape = 0;
	switch (v) {
	case '\n': return C_NL;
	case '"': *fam = M_DOUBLE; *shape = S_STRAIGHT; return C_MARK;
	case '\'': *fam = M_SINGLE; *shape = S_STRAIGHT; return C_MARK;
	case 0x201c: case 0x201e: case 0x201f:
		*fam = M_DOUBLE; *shape = S_OPEN; return C_MARK;
	case 0x201d: *fam = M_DOUBLE; *shape = S_CLOSE; return C_MARK;
	case 0x2018: case 0x201a: case 0x2039:
		*fam = M_SINGLE; *shape = S_OPEN; return C_MARK;
	case 0x2019: case 0x203a:
		*fam = M_SINGLE; *shape = S_CLOSE; return C_MARK;
	case 0xab: *fam = M_GUIL; *shape = S_OPEN; return C_MARK;
	case 0xbb: *fam = M_GUIL; *shape = S_CLOSE; return C_MARK;
	case '*': case '_': return C_SKIP;
	case 0xa0: case 0x202f: case 0x3000: case 0xfeff: case 0x205f:
		return C_SPACE;
	}
	if (v < 0x80) {
		if (is_alnum((unsigned char)v))
			return C_WORD;
		if (is_space((unsigned char)v))
			return C_SPACE;
		return C_PUNCT;
	}
	if (v >= 0x2000 && v <= 0x200b)
		return C_SPACE;
	if ((v >= 0x2010 && v <= 0x205e) || (v >= 0x2190 && v <= 0x2bff) ||
	    (v >= 0xa1 && v <= 0xbf && v != 0xaa && v != 0xba) || v == 0xd7 ||
	    v == 0xf7 || v == 0xfffd)
		return C_PUNCT;
	return C_WORD;
}

static int cls_at(const struct ex *x, size_t i, int *len)
{
	int fam, shape;
	if (i >= x->n) {
		*len = 0;
		return C_NL;
	}
	/* most bytes of a text: a letter, a digit, a space */
	unsigned char c = (unsigned char)x->t[i];
	if (is_alnum(c) || c == ' ') {
		*len = 1;
		return c == ' ' ? C_SPACE : C_WORD;
	}
	if (c == '\n' && x->soft && (x->soft[i >> 3] >> (i & 7) & 1)) {
		*len = 1;
		return C_SPACE;
	}
	unsigned v = cp_at((const unsigned char *)x->t + i, x->n - i, len);
	return cls(v, &fam, &shape);
}

/* Class of the character before byte I, skipping markup. */
static int cls_before(const struct ex *x, size_t i, size_t *at)
{
	while (i > 0) {
		size_t j = i - 1;
		while (j > 0 && ((unsigned char)x->t[j] & 0xc0) == 0x80)
			j--;
		int len, c = cls_at(x, j, &len);
		if (c != C_SKIP) {
			*at = j;
			return c;
		}
		i = j;
	}
	*at = 0;
	return C_NL;
}

static int cls_after(const struct ex *x, size_t i, size_t *at)
{
	int len;
	for (;;) {
		int c = cls_at(x, i, &len);
		if (c != C_SKIP || len == 0) {
			*at = i;
			return c;
		}
		i += len;
	}
}

/* ---- hard-wrapped text ---- */

/* Wire copy and mail are often wrapped at a fixed width, every paragraph
 * broken into lines of 60-80 characters.  A break inside a paragraph is
 * no boundary: "…one\ncombined competitor," Bache Securities analyst\n
 * Darrell Whitten said." is one sentence.  soft_breaks() finds such
 * breaks, and cls_at() reads them as spaces, so the rest of the extractor
 * sees the paragraph as one line, as if the text had never been wrapped.
 *
 * A text is wrapped when many of its lines are near one width, none much
 * wider, and many end inside a sentence: at least 3 lines, no more than a
 * tenth of them longer than WRAP_MAX characters, the widest of the others
 * (the width) at least WRAP_MIN, a third of all lines at 3/4 of it or
 * more, and a third ending in no . ! ? or :.  A text of paragraphs on long
 * lines, of short lines (a list, verse), or of a sentence a line is not.
 * In a wrapped text a single newline is soft unless the next line is
 * indented past the text's least indentation (a new paragraph), starts
 * with a bullet, or the line ends a sentence well short of the width. */
#define WRAP_MAX 100
#define WRAP_MIN 40

struct wline {
	size_t s, e;		/* the line without its newline, trailing space */
	int width, indent;	/* characters; leading spaces and tabs */
};

static bool bullet_at(const char *t, size_t i, size_t e)
{
	unsigned char c = (unsigned char)t[i];
	if (c == '*' || c == '+' || c == '>' || c == '#' ||
	    (c == 0xe2 && i + 2 < e && (unsigned char)t[i + 1] == 0x80 &&
	     (unsigned char)t[i + 2] == 0xa2))
		return true;
	/* "- item", not "-- one" or "-3 pct" */
	return c == '-' && i + 1 < e && t[i + 1] == ' ';
}

/* Whether the line [S, E) ends a sentence: . ! ? or :, maybe before a
 * closing quotation mark. */
static bool ends_sentence(const char *t, size_t s, size_t e)
{
	if (e > s && (t[e - 1] == '"' || t[e - 1] == '\''))
		e--;
	else if (e >= s + 3 && (unsigned char)t[e - 3] == 0xe2 &&
		 (unsigned char)t[e - 2] == 0x80 &&
		 ((unsigned char)t[e - 1] == 0x9d || (unsigned char)t[e - 1] == 0x99))
		e -= 3;
	return e > s && strchr(".!?:", t[e - 1]);
}

static void soft_breaks(struct ex *x)
{
	int n = 0, cap = 0, wide = 0, width = 0, full = 0, base = INT_MAX;
	struct wline *L = NULL;
	for (size_t i = 0; i <= x->n;) {
		const char *nl = memchr(x->t + i, '\n', x->n - i);
		size_t e = nl ? (size_t)(nl - x->t) : x->n;
		struct wline l = { .s = i, .e = e };
		while (l.e > l.s && (is_space((unsigned char)x->t[l.e - 1])))
			l.e--;
		while (l.s + (size_t)l.indent < l.e &&
		       (x->t[l.s + l.indent] == ' ' || x->t[l.s + l.indent] == '\t'))
			l.indent++;
		/* characters, but a line of 4 * WRAP_MAX bytes is wide anyway */
		if (l.e - l.s >= 4 * WRAP_MAX)
			l.width = 4 * WRAP_MAX;
		else
			for (size_t k = l.s; k < l.e; k++)
				l.width += ((unsigned char)x->t[k] & 0xc0) != 0x80;
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			struct wline *m = realloc(L, (size_t)cap * sizeof *L);
			if (!m) {
				x->oom = true;
				free(L);
				return;
			}
			L = m;
		}
		L[n++] = l;
		i = e + 1;
	}
	int lines = 0, mid = 0;
	for (int k = 0; k < n; k++) {
		if (L[k].width == L[k].indent)
			continue;
		lines++;
		mid += !ends_sentence(x->t, L[k].s, L[k].e);
		if (L[k].width > WRAP_MAX)
			wide++;
		else if (L[k].width > width)
			width = L[k].width;
		if (L[k].indent < base)
			base = L[k].indent;
	}
	for (int k = 0; k < n; k++)
		full += L[k].width > L[k].indent && L[k].width <= width &&
			4 * L[k].width >= 3 * width;
	if (lines < 3 || 10 * wide > lines || width < WRAP_MIN ||
	    3 * full < lines || 3 * mid < lines) {
		free(L);
		return;
	}
	x->soft = calloc(x->n / 8 + 1, 1);
	if (!x->soft) {
		x->oom = true;
		free(L);
		return;
	}
	for (int k = 0; k + 1 < n; k++) {
		const struct wline *a = &L[k], *b = &L[k + 1];
		if (a->width == a->indent || b->width == b->indent ||
		    a->width > WRAP_MAX || b->indent > base ||
		    bullet_at(x->t, b->s + (size_t)b->indent, b->e) ||
		    (4 * a->width < 3 * width && ends_sentence(x->t, a->s, a->e)))
			continue;
		size_t nl = b->s - 1;	/* the newline between them */
		x->soft[nl >> 3] |= (unsigned char)(1u << (nl & 7));
	}
	free(L);
}

/* ---- lists ---- */

/* Lower-cased copy of word token T into BUF (typographic apostrophe as
 * ASCII), without a possessive 's when STRIP. */
static size_t wcopy(const struct ex *x, const struct tok *t, char *buf,
		    size_t cap, bool strip)
{
	size_t n = 0;
	for (size_t i = t->s; i < t->e && n + 1 < cap;) {
		unsigned char c = (unsigned char)x->t[i];
		if (c == 0xe2 && i + 3 <= t->e &&
		    (unsigned char)x->t[i + 1] == 0x80 &&
		    (unsigned char)x->t[i + 2] == 0x99) {
			buf[n++] = '\'';
			i += 3;
			continue;
		}
		buf[n++] = (char)lower(c);
		i++;
	}
	buf[n] = 0;
	if (strip && n >= 2 && buf[n - 2] == '\'' && buf[n - 1] == 's') {
		n -= 2;
		buf[n] = 0;
	}
	return n;
}

static bool in_list(const char *w, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (list[i][0] == w[0] && !strcmp(list[i], w))
			return true;
	return false;
}

#define IN(w, list) in_list(w, list, NELEM(list))

/* The word lists as one hash table of flags, built once (pthread_once)
 * and only read after: one probe per word instead of a scan of every
 * list.  Building it for every article cost a tenth of the extractor's
 * time (30k Reuters articles). */
#define WT_SIZE 4096

struct wtab {
	const char *w[WT_SIZE];
	unsigned h[WT_SIZE];	/* whash(w): most probes end without strcmp */
	int f[WT_SIZE];
};

static unsigned whash(const char *s)
{
	unsigned h = 2166136261u;
	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

static void wt_add(struct wtab *t, const char *const *list, size_t n, int flag)
{
	for (size_t i = 0; i < n; i++) {
		unsigned hv = whash(list[i]), h = hv & (WT_SIZE - 1);
		while (t->w[h] && strcmp(t->w[h], list[i]))
			h = (h + 1) & (WT_SIZE - 1);
		t->w[h] = list[i];
		t->h[h] = hv;
		t->f[h] |= flag;
	}
}

static int wt_get(const struct wtab *t, const char *w)
{
	unsigned hv = whash(w), h = hv & (WT_SIZE - 1);
	while (t->w[h]) {
		if (t->h[h] == hv && !strcmp(t->w[h], w))
			return t->f[h];
		h = (h + 1) & (WT_SIZE - 1);
	}
	return 0;
}

static struct wtab word_table;
static pthread_once_t word_table_once = PTHREAD_ONCE_INIT;

static void build_word_table(void)
{
	static const struct {
		const char *const *list;
		size_t n;
		int flag;
	} lists[] = {
		{ STOPS, NELEM(STOPS), F_STOP }, { TITLES, NELEM(TITLES), F_TITLE },
		{ ROLES, NELEM(ROLES), F_ROLE }, { ORGS, NELEM(ORGS), F_ORG },
		{ PRONOUNS, NELEM(PRONOUNS), F_PRON }, { CUES, NELEM(CUES), F_CUE },
		{ CUES_FIRST, NELEM(CUES_FIRST), F_CUE1 }, { AUX, NELEM(AUX), F_AUX },
		{ PREPS, NELEM(PREPS), F_PREP }, { PARTICLES, NELEM(PARTICLES), F_PART },
		{ TIMES, NELEM(TIMES), F_TIME }, { PLACES, NELEM(PLACES), F_PLACE },
		{ NP_ADJ, NELEM(NP_ADJ), F_ADJ },
		{ CUE_LEMMAS, NELEM(CUE_LEMMAS), F_LEMMA },
		{ OPENERS, NELEM(OPENERS), F_OPENER },
		{ FAMILY_FIRST, NELEM(FAMILY_FIRST), F_FAMILY },
		{ DESCRIPTORS, NELEM(DESCRIPTORS), F_DESC },
		{ DEMONYM_NOUNS, NELEM(DEMONYM_NOUNS), F_DESC },
	};
	for (size_t i = 0; i < NELEM(lists); i++)
		wt_add(&word_table, lists[i].list, lists[i].n, lists[i].flag);
}

/* The flags of W (lower case) in the word lists. */
static int word_list_flags(const char *w)
{
	pthread_once(&word_table_once, build_word_table);
	return wt_get(&word_table, w);
}

static bool lemma(const struct wtab *t, const char *w, size_t n)
{
	char b[40];
	if (n == 0 || n + 1 >= sizeof b)
		return false;
	memcpy(b, w, n);
	b[n] = 0;
	return (wt_get(t, b) & F_LEMMA) != 0;
}

/* Is W (lower case) a form of a verb of saying?  said, says, saying,
 * quipped, replies, argued... */
static bool cue_word(const struct wtab *t, const char *w, int f)
{
	size_t n = strlen(w);
	char b[40];
	if ((f & (F_CUE | F_LEMMA)))
		return true;
	if (n < 4 || n + 2 >= sizeof b)
		return false;
	if (!strcmp(w + n - 3, "ies") || !strcmp(w + n - 3, "ied")) {
		memcpy(b, w, n - 3);
		strcpy(b + n - 3, "y");
		return lemma(t, b, n - 2);
	}
	size_t cut = !strcmp(w + n - 3, "ing") ? 3 :
		     !strcmp(w + n - 2, "ed") || !strcmp(w + n - 2, "es") ? 2 :
		     w[n - 1] == 's' ? 1 : 0;
	if (!cut)
		return false;
	size_t m = n - cut;
	if (lemma(t, w, m))
		return true;
	memcpy(b, w, m);
	b[m] = 'e';		/* noting -> note, argued -> argue */
	if (lemma(t, b, m + 1))
		return true;
	if (m >= 3 && w[m - 1] == w[m - 2])	/* quipped -> quip */
		return lemma(t, w, m - 1);
	return false;
}

/* Is T a stock code ("CFC.N", "NWSa.N", "RIM.TO", "TXU.N." at the end
 * of a sentence)?  Not "U.N." or "U.S.". */
static bool ticker(const struct ex *x, const struct tok *t)
{
	size_t end = t->e > t->s && x->t[t->e - 1] == '.' ? t->e - 1 : t->e;
	size_t d = end;
	while (d > t->s && x->t[d - 1] != '.')
		d--;
	if (d < t->s + 3 || end - d < 1 || end - d > 2 ||
	    memchr(x->t + t->s, '.', d - 1 - t->s))
		return false;
	for (size_t k = d; k < end; k++)
		if (x->t[k] < 'A' || x->t[k] > 'Z')
			return false;
	return true;
}

/* Does a stock code follow the name ending at token B ("Northern Rock
 * NRK.L")?  Then it is a company's. */
static bool coded(const struct ex *x, int b)
{
	return b + 1 < x->ntok && x->tok[b + 1].kind == T_WORD &&
	       ticker(x, &x->tok[b + 1]);
}

static int word_flags(const struct ex *x, const struct tok *t)
{
	char w[40];
	int f = 0;
	unsigned char c = (unsigned char)x->t[t->s];
	if (c >= 'A' && c <= 'Z')
		f |= F_CAP;
	else if (c >= 0x80) {
		int len;
		unsigned v = cp_at((const unsigned char *)x->t + t->s,
				   x->n - t->s, &len);
		if ((v >= 0xc0 && v <= 0xde && v != 0xd7) ||
		    (v >= 0x391 && v <= 0x3a9) || (v >= 0x400 && v <= 0x42f) ||
		    (v >= 0x100 && v <= 0x17f && !(v & 1)))
			f |= F_CAP;
	}
	bool upper = true;
	int letters = 0;
	for (size_t i = t->s; i < t->e; i++) {
		unsigned char d = (unsigned char)x->t[i];
		if (d >= 'a' && d <= 'z')
			upper = false;
		if ((d >= 'a' && d <= 'z') || (d >= 'A' && d <= 'Z'))
			letters++;
	}
	if (upper && letters >= 2)
		f |= F_UPPER;
	if (ticker(x, t))
		f |= F_STOP;	/* no word of a name */
	size_t n = wcopy(x, t, w, sizeof w, false);
	if ((!strncmp(w, "al-", 3) || !strncmp(w, "el-", 3) || !strncmp(w, "ad-", 3)) &&
	    t->e - t->s > 3 && x->t[t->s + 3] >= 'A' && x->t[t->s + 3] <= 'Z')
		f |= F_CAP;
	if (n >= 2 && w[n - 2] == '\'' && w[n - 1] == 's') {
		f |= F_POSS;
		w[n -= 2] = 0;
	}
	if (n == 0 || n + 1 >= sizeof w)
		return f;
	int lf = wt_get(x->wt, w);
	f |= lf & (F_STOP | F_TITLE | F_ROLE | F_ORG | F_PRON | F_CUE1 | F_AUX |
		   F_PREP | F_TIME | F_PLACE | F_ADJ | F_OPENER | F_DESC | F_LEMMA);
	if (cue_word(x->wt, w, lf))
		f |= F_CUE;
	if ((lf & F_PART) || ((!strncmp(w, "al-", 3) || !strncmp(w, "el-", 3)) &&
				 !(f & F_CAP)))
		f |= F_PART;
	if (!strcmp(w, "the") || !strcmp(w, "a") || !strcmp(w, "an"))
		f |= F_DET;
	if (n > 4 && w[n - 2] == 'l' && w[n - 1] == 'y' && !(f & F_CAP))
		f |= F_LY;
	return f;
}

static bool weq(const struct ex *x, int i, const char *w)
{
	if (i < 0 || i >= x->ntok || x->tok[i].kind != T_WORD)
		return false;
	char b[40];
	wcopy(x, &x->tok[i], b, sizeof b, false);
	return !strcmp(b, w);
}

static bool in_set(char c, const char *set)
{
	return c && strchr(set, c) != NULL;
}

static bool punct_is(const struct ex *x, int i, const char *set)
{
	if (i < 0 || i >= x->ntok || x->tok[i].kind != T_PUNCT)
		return false;
	const struct tok *t = &x->tok[i];
	return t->e - t->s == 1 && in_set(x->t[t->s], set);
}

/* ---- tokenizer ---- */

static bool push_tok(struct ex *x, struct tok t)
{
	if (x->ntok == x->captok) {
		int cap = x->captok ? x->captok * 2 : 256;
		struct tok *p = realloc(x->tok, (size_t)cap * sizeof *p);
		if (!p) {
			x->oom = true;
			return false;
		}
		x->tok = p;
		x->captok = cap;
	}
	x->tok[x->ntok++] = t;
	return true;
}

/* US state abbreviations after names: "Sen. Rand Paul, R-Ky., said". */
static const char *const STATES[] = {
	"ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga",
	"ill", "ind", "kan", "kans", "ky", "la", "md", "mass", "mich", "minn",
	"miss", "mo", "mont", "neb", "nev", "okla", "ore", "pa", "penn",
	"tenn", "tex", "va", "vt", "wash", "wis", "wyo", "ia", "me",
};

static bool abbrev_word(const struct ex *x, size_t s, size_t e)
{
	char w[16];
	size_t n = 0;
	bool dot = false;
	int letters = 0;
	for (size_t i = s; i < e; i++) {
		char c = x->t[i];
		if (c == '.')
			dot = true;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
			letters++;
		if (n + 1 < sizeof w)
			w[n++] = (char)lower((unsigned char)c);
	}
	w[n] = 0;
	if (dot && letters >= 1 && letters <= 4)
		return true;	/* "U.S", "U.N" */
	if (e - s == 1 && letters == 1 && x->t[s] >= 'A' && x->t[s] <= 'Z')
		return true;	/* initial "J." */
	const char *h = memchr(w, '-', n);
	const char *st = h ? h + 1 : w;
	size_t so = (size_t)(st - w);
	if (s + so < e && x->t[s + so] >= 'A' && x->t[s + so] <= 'Z' &&
	    in_list(st, STATES, NELEM(STATES)))
		return true;	/* "R-Ky.", "Calif." */
	return e - s < sizeof w && IN(w, ABBREVS);
}

static bool tokenize(struct ex *x)
{
	size_t i = 0;
	int line = 0;
	while (i < x->n) {
		int len, c = cls_at(x, i, &len);
		struct tok t = { .s = i, .q = -1, .line = line };
		if (c == C_SPACE || c == C_SKIP) {
			i += len;
			continue;
		}
		if (c == C_NL) {
			int nl = 0;
			size_t j = i, lastnl = i;
			while (j < x->n) {
				int l2, c2 = cls_at(x, j, &l2);
				if (c2 == C_NL) {
					nl++;
					lastnl = j;
				} else if (c2 != C_SPACE) {
					break;
				}
				j += (size_t)l2;
			}
			t.kind = T_NL;
			t.e = i + 1;
			t.nl = nl;
			if (!push_tok(x, t))
				return false;
			line += nl;
			/* The next line's indentation stays for lines(). */
			i = lastnl + 1;
			continue;
		}
		if (c == C_MARK) {
			int fam, shape;
			cls(cp_at((const unsigned char *)x->t + i, x->n - i, &len),
			    &fam, &shape);
			/* An apostrophe inside a word is part of it. */
			size_t pb, na;
			int cb = cls_before(x, i, &pb);
			int ca = cls_after(x, i + len, &na);
			if (fam == M_SINGLE && shape != S_OPEN && cb == C_WORD &&
			    ca == C_WORD && pb + 4 >= i)
				goto word;
			t.kind = T_MARK;
			t.fam = (unsigned char)fam;
			t.shape = (unsigned char)shape;
			t.e = i + len;
			t.lsp = cb == C_SPACE || cb == C_NL || cb == C_MARK ||
				(cb == C_PUNCT && in_set(x->t[pb], "([{/-")) ||
				(cb == C_PUNCT && (unsigned char)x->t[pb] == 0xe2) ||
				(cb == C_PUNCT && x->t[pb] == ':');
			t.rsp = ca == C_SPACE || ca == C_NL ||
				(ca == C_PUNCT && na < x->n &&
				 in_set(x->t[na], ".,;:!?)]}/-")) ||
				(ca == C_PUNCT && na < x->n &&
				 (unsigned char)x->t[na] == 0xe2);
			if (!push_tok(x, t))
				return false;
			i += len;
			continue;
		}
		if (c == C_PUNCT) {
			t.kind = T_PUNCT;
			t.e = i + len;
			if (!push_tok(x, t))
				return false;
			i += len;
			continue;
		}
word:
		/* A word: letters and digits, with inner - . ' ’ & joined. */
		{
			size_t j = i;
			for (;;) {
				int l2, c2 = cls_at(x, j, &l2);
				if (j >= x->n)
					break;
				if (c2 == C_WORD) {
					j += l2;
					continue;
				}
				unsigned char b = (unsigned char)x->t[j];
				bool inner = b == '-' || b == '.' || b == '\'' ||
					     b == '&' ||
					     (b == 0xe2 && l2 == 3 &&
					      (unsigned char)x->t[j + 1] == 0x80 &&
					      (unsigned char)x->t[j + 2] == 0x99);
				if (inner && j > i) {
					int l3, c3 = cls_at(x, j + l2, &l3);
					if (c3 == C_WORD && j + l2 < x->n) {
						j += l2;
						continue;
					}
				}
				break;
			}
			if (j == i)
				j = i + (size_t)len;
			if (j < x->n && x->t[j] == '.' && abbrev_word(x, i, j))
				j++;
			t.kind = T_WORD;
			t.e = j;
			t.flags = word_flags(x, &t);
			if (!push_tok(x, t))
				return false;
			i = j;
		}
	}
	return true;
}

/* Does word token I open a sentence (after its start, a line break, an
 * opening mark or . ! ? : ;)? */
static bool opens_sentence(const struct ex *x, int i)
{
	int p = i - 1;
	while (p >= 0 && x->tok[p].kind == T_MARK)
		p--;
	return p < 0 || x->tok[p].kind == T_NL || punct_is(x, p, ".!?:;");
}

static bool name_word(const struct tok *t)
{
	return t->kind == T_WORD && (t->flags & F_CAP) &&
	       !(t->flags & (F_STOP | F_OPENER));
}

/* Is word token I letters after the name before it, "MP" in "Paul
 * Boateng MP said", rather than a title ("Labour MP Karen Buck") or the
 * head of a description ("the Ealing North MP", "a Labour MP")? */
static bool postnominal(const struct ex *x, int i)
{
	char w[8];
	if (!(x->tok[i].flags & F_UPPER) || i == 0 ||
	    (i + 1 < x->ntok && (x->tok[i + 1].flags & F_CAP)))
		return false;
	wcopy(x, &x->tok[i], w, sizeof w, false);
	if (!IN(w, POSTNOMINALS))
		return false;
	int r = i;
	while (r - 1 >= 0 && name_word(&x->tok[r - 1])) {
		if (x->tok[r - 1].flags & (F_DESC | F_ORG | F_PLACE))
			return false;
		r--;
	}
	return r < i && !(r > 0 && (x->tok[r - 1].flags & (F_DET | F_CAP)));
}

/* Words of the word lists that are part of a name in context, or not. */
static void name_words(struct ex *x)
{
	for (int i = 0; i < x->ntok; i++) {
		if ((x->tok[i].flags & F_OPENER) && !opens_sentence(x, i))
			x->tok[i].flags &= ~F_OPENER;
		/* a plain word of the name, which quoth_speaker_canonical()
		 * leaves out */
		if (postnominal(x, i))
			x->tok[i].flags &= ~(F_TITLE | F_UPPER);
	}
	for (int i = 1; i < x->ntok; i++) {
		struct tok *t = &x->tok[i], *p = &x->tok[i - 1];
		if (t->kind != T_WORD || p->kind != T_WORD ||
		    !(t->flags & F_CAP) || !(p->flags & F_CAP))
			continue;
		/* "New" starts a place's name, not a sentence, before
		 * "York", "Jersey", "Zealand": "the New York Fed" */
		if ((t->flags & F_PLACE) && weq(x, i - 1, "new"))
			p->flags &= ~F_STOP;
		/* "Theresa May said", "Mrs May's": a surname, not the verb;
		 * not in a headline ("Stocks May Rise") */
		bool next_cap = i + 1 < x->ntok && x->tok[i + 1].kind == T_WORD &&
				(x->tok[i + 1].flags & F_CAP);
		if (weq(x, i, "may") && !next_cap && !(t->flags & F_UPPER) &&
		    ((p->flags & F_TITLE) || !(p->flags & F_STOP)))
			t->flags &= ~(F_STOP | F_AUX);
	}
}

/* Fills x->ln: indentation, bullets, first token of each line. */
static bool lines(struct ex *x)
{
	int nl = 1;
	for (int i = 0; i < x->ntok; i++)
		if (x->tok[i].kind == T_NL)
			nl += x->tok[i].nl;
	x->ln = calloc((size_t)nl + 1, sizeof *x->ln);
	if (!x->ln) {
		x->oom = true;
		return false;
	}
	x->nln = nl;
	for (int l = 0; l < nl; l++)
		x->ln[l].tok0 = x->ln[l].tok1 = -1;
	for (int i = 0; i < x->ntok; i++) {
		struct tok *t = &x->tok[i];
		if (t->kind == T_NL || t->line >= nl)
			continue;
		struct line *L = &x->ln[t->line];
		if (L->tok0 < 0)
			L->tok0 = i;
		L->tok1 = i + 1;
	}
	for (int l = 0; l < nl; l++) {
		struct line *L = &x->ln[l];
		if (L->tok0 < 0)
			continue;
		size_t s = x->tok[L->tok0].s, b = s;
		while (b > 0 && x->t[b - 1] != '\n')
			b--;
		int ind = 0;
		for (size_t k = b; k < s; k++)
			ind += x->t[k] == '\t' ? 4 : 1;
		/* Bullets: • ◦ ▪ - * + and "1." "a)" "IV." */
		int k = L->tok0;
		for (int guard = 0; guard < 3 && k < L->tok1; guard++) {
			const struct tok *t = &x->tok[k];
			bool bul = false;
			if (t->kind == T_PUNCT) {
				unsigned char c = (unsigned char)x->t[t->s];
				bul = c == '-' || c == '+' || c == 0xe2 || c == 0xc2 ||
				      c == '>' || c == '#';
			} else if (t->kind == T_WORD && t->e - t->s <= 4 &&
				   punct_is(x, k + 1, ".)")) {
				bool ok = true;
				for (size_t m = t->s; m < t->e; m++) {
					char c = x->t[m];
					if (!((c >= '0' && c <= '9') || strchr("IVXivx", c) ||
					      (t->e - t->s == 1 && c >= 'a' && c <= 'z')))
						ok = false;
				}
				if (ok) {
					k++;
					bul = true;
				}
			}
			if (!bul)
				break;
			L->bullet = true;
			k++;
		}
		/* A bullet "*" is markup to the tokenizer; see it in bytes. */
		if (!L->bullet && s > b && (x->t[s - 1] == ' ' || x->t[s - 1] == '\t')) {
			for (size_t m = b; m < s; m++)
				if (x->t[m] == '*' && m + 1 < s && x->t[m + 1] == ' ')
					L->bullet = true;
		}
		if (x->t[s] == '*' && s + 1 < x->n && x->t[s + 1] == ' ')
			L->bullet = true;
		L->indent = ind;
		L->tok0 = k;
	}
	return true;
}

/* ---- pairing ---- */

static bool push_piece(struct ex *x, struct piece p)
{
	if (x->npc == x->cappc) {
		int cap = x->cappc ? x->cappc * 2 : 32;
		struct piece *q = realloc(x->pc, (size_t)cap * sizeof *q);
		if (!q) {
			x->oom = true;
			return false;
		}
		x->pc = q;
		x->cappc = cap;
	}
	x->pc[x->npc++] = p;
	return true;
}

static bool skip_byte(char c)
{
	return is_space((unsigned char)c) || c == '\n' || c == '*';
}

/* Records the piece between mark tokens OPEN and CLOSE (or ending at byte
 * END when CLOSE is -1, TEND its last token). */
static void emit(struct ex *x, int open, int close, size_t end, int tend,
		 int chain)
{
	size_t s = x->tok[open].e, e = close >= 0 ? x->tok[close].s : end;
	while (s < e && skip_byte(x->t[s]))
		s++;
	while (e > s && skip_byte(x->t[e - 1]))
		e--;
	int letters = 0;
	for (size_t i = s; i < e && letters < 2;) {
		int len, c = cls_at(x, i, &len);
		letters += c == C_WORD;
		i += (size_t)len;
	}
	/* Nothing to quote; and "rock 'n' roll" is no quotation. */
	if (letters == 0 || (letters < 2 && x->tok[open].fam == M_SINGLE))
		return;
	struct piece p = { .s = s, .e = e, .topen = open, .tclose = close,
			   .tend = close >= 0 ? close : tend,
			   .chain = chain >= 0 ? chain : x->npc };
	p.at.cue0 = p.at.cue1 = -1;
	p.at.kind = A_NONE;
	size_t k = e;
	while (k > s && (x->t[k - 1] == ')' || x->t[k - 1] == ']' ||
			 x->t[k - 1] == '\'' || x->t[k - 1] == '"'))
		k--;
	char last = x->t[k - 1];
	p.end_sent = last == '.' || last == '!' || last == '?' ||
		     (k >= s + 3 && (unsigned char)x->t[k - 3] == 0xe2 &&
		      (unsigned char)x->t[k - 2] == 0x80 &&
		      (unsigned char)x->t[k - 1] == 0xa6 && close >= 0 &&
		      close + 1 < x->ntok && x->tok[close + 1].kind == T_WORD &&
		      (x->tok[close + 1].flags & F_CAP));
	p.end_comma = last == ',' || punct_is(x, close >= 0 ? close + 1 : -1, ",");
	int idx = x->npc;
	if (!push_piece(x, p))
		return;
	for (int i = open; i <= p.tend && i < x->ntok; i++)
		x->tok[i].q = idx;
}

/* Does line L hold a closing mark of family FAM before any opening one? */
static bool closes_on(const struct ex *x, int l, int fam)
{
	if (l < 0 || l >= x->nln || x->ln[l].tok0 < 0)
		return false;
	for (int i = x->ln[l].tok0; i < x->ln[l].tok1; i++) {
		const struct tok *t = &x->tok[i];
		if (t->kind != T_MARK || t->fam != fam)
			continue;
		if (t->shape == S_CLOSE || (t->shape == S_STRAIGHT && !t->lsp))
			return true;
		if (t->shape == S_OPEN || (t->shape == S_STRAIGHT && t->lsp))
			return false;
	}
	return false;
}

static bool opens(const struct tok *t, int fam)
{
	if (t->kind != T_MARK || t->fam != fam)
		return false;
	return t->shape == S_OPEN || t->shape == S_STRAIGHT ||
	       (t->shape == S_CLOSE && fam == M_DOUBLE && t->lsp && !t->rsp);
}

/* A later closing mark of family FAM on the same line as token I? */
static bool closer_ahead(const struct ex *x, int i, int fam, bool single)
{
	int l = x->tok[i].line;
	for (int j = i + 1; j < x->ntok && x->tok[j].line == l &&
			    x->tok[j].kind != T_NL; j++) {
		const struct tok *t = &x->tok[j];
		if (t->kind != T_MARK || t->fam != fam)
			continue;
		if (single) {
			if (t->shape != S_OPEN && !t->lsp && t->rsp)
				return true;
		} else if (t->shape != S_OPEN && !t->lsp) {
			return true;
		}
	}
	return false;
}

static void pair(struct ex *x)
{
	struct { int tok, fam; bool straight; } st[16];
	int depth = 0, last_close = -1, pend = -1, chain = -1;
	for (int i = 0; i < x->ntok && !x->oom; i++) {
		struct tok *t = &x->tok[i];
		if (t->kind == T_NL) {
			if (depth == 0)
				continue;
			int fam = st[0].fam, l = t->line, nx = l + t->nl;
			bool blank = t->nl >= 2;
			const struct line *N = nx < x->nln ? &x->ln[nx] : NULL;
			int f = N && N->tok0 >= 0 && N->tok0 < N->tok1 ? N->tok0 : -1;
			if (f >= 0 && opens(&x->tok[f], fam)) {
				/* Rule 1: the next paragraph reopens. */
				int before = x->npc;
				if (last_close > st[0].tok)
					emit(x, st[0].tok, last_close, 0, last_close, chain);
				else
					emit(x, st[0].tok, -1, t->s, i - 1, chain);
				pend = x->npc > before ? x->pc[x->npc - 1].chain : chain;
				depth = 0;
				continue;
			}
			if (!blank && N && !N->bullet && closes_on(x, nx, fam))
				continue;	/* Rule 2: a wrapped line. */
			if (blank && N && f >= 0 && i > 0 &&
			    (x->tok[i - 1].kind == T_WORD || punct_is(x, i - 1, ",")) &&
			    x->tok[f].kind == T_WORD && !(x->tok[f].flags & F_CAP) &&
			    closes_on(x, nx, fam))
				continue;	/* Rule 3: a broken paragraph. */
			/* Rule 4: unbalanced; end at its last inner close. */
			if (last_close > st[0].tok)
				emit(x, st[0].tok, last_close, 0, last_close, chain);
			else
				emit(x, st[0].tok, -1, t->s, i - 1, chain);
			depth = 0;
			pend = -1;
			continue;
		}
		if (t->kind != T_MARK)
			continue;
		if (depth == 0) {
			bool open = false;
			if (t->fam == M_DOUBLE && t->shape == S_OPEN)
				open = true;
			else if (t->fam == M_GUIL && t->shape == S_OPEN)
				open = true;
			else if (t->fam == M_DOUBLE && t->shape == S_STRAIGHT) {
				size_t pb;
				int cb = cls_before(x, t->s, &pb);
				bool digit = cb == C_WORD && x->t[pb] >= '0' && x->t[pb] <= '9';
				open = !digit && !(!t->lsp && t->rsp);
			} else if (t->fam == M_DOUBLE && t->shape == S_CLOSE) {
				open = t->lsp && closer_ahead(x, i, M_DOUBLE, false);
			} else if (t->fam == M_SINGLE && t->shape != S_CLOSE) {
				open = t->lsp && !t->rsp && closer_ahead(x, i, M_SINGLE, true);
			}
			if (open) {
				st[0].tok = i;
				st[0].fam = t->fam;
				st[0].straight = t->shape == S_STRAIGHT;
				depth = 1;
				last_close = -1;
				chain = pend;
				pend = -1;
			}
			continue;
		}
		/* Inside a quotation. */
		int close_at = -1;	/* stack level to close, or -1 */
		bool push = false;
		int dbl = -1;
		for (int k = depth - 1; k >= 0; k--)
			if (st[k].fam == M_DOUBLE) {
				dbl = k;
				break;
			}
		if (t->fam == M_DOUBLE) {
			if (t->shape == S_CLOSE)
				close_at = dbl;
			else if (t->shape == S_OPEN && !t->lsp && t->rsp)
				close_at = dbl;
			else if (t->shape == S_OPEN)
				push = true;
			else if (dbl >= 0 && !st[dbl].straight && t->lsp && !t->rsp)
				push = true;
			else if (dbl >= 0)
				close_at = dbl;
			else if (t->lsp && !t->rsp)
				push = true;
		} else if (t->fam == M_GUIL) {
			if (t->shape == S_OPEN)
				push = true;
			else
				for (int k = depth - 1; k >= 0; k--)
					if (st[k].fam == M_GUIL) {
						close_at = k;
						break;
					}
		} else {
			bool top_single = st[depth - 1].fam == M_SINGLE;
			if (t->shape == S_OPEN)
				push = !t->rsp;
			else if (t->shape == S_CLOSE)
				close_at = top_single && !t->lsp ? depth - 1 : -1;
			else if (top_single && !t->lsp)
				close_at = depth - 1;
			else if (t->lsp && !t->rsp)
				push = true;
		}
		if (push && depth < 16) {
			st[depth].tok = i;
			st[depth].fam = t->fam;
			st[depth].straight = t->shape == S_STRAIGHT;
			depth++;
		} else if (close_at >= 0) {
			depth = close_at;
			last_close = i;
			if (depth == 0) {
				emit(x, st[0].tok, i, 0, i, chain);
				chain = -1;
			}
		}
	}
	if (depth > 0 && !x->oom) {
		if (last_close > st[0].tok)
			emit(x, st[0].tok, last_close, 0, last_close, chain);
		else
			emit(x, st[0].tok, -1, x->n, x->ntok - 1, chain);
	}
}

/* ---- strings ---- */

/* Copy of bytes [s, e) with '*' dropped and white space folded. */
static char *norm_copy(const char *t, size_t s, size_t e)
{
	char *o = malloc(e - s + 1);
	if (!o)
		return NULL;
	size_t n = 0;
	bool sp = false;
	for (size_t i = s; i < e; i++) {
		char c = t[i];
		if (c == '*')
			continue;
		if (is_space((unsigned char)c) || c == '\n') {
			sp = n > 0;
			continue;
		}
		if ((unsigned char)c == 0xc2 && i + 1 < e &&
		    (unsigned char)t[i + 1] == 0xa0) {
			sp = n > 0;
			i++;
			continue;
		}
		if (sp)
			o[n++] = ' ';
		sp = false;
		o[n++] = c;
	}
	o[n] = 0;
	return o;
}

/* Splits NAME into words (white space), each as [s, e). */
static int split_words(const char *s, size_t len, size_t (*w)[2], int max)
{
	int n = 0;
	size_t i = 0;
	while (i < len && n < max) {
		while (i < len && (is_space((unsigned char)s[i]) || s[i] == '\n' ||
				   s[i] == '*'))
			i++;
		if (i >= len)
			break;
		size_t b = i;
		while (i < len && !is_space((unsigned char)s[i]) && s[i] != '\n')
			i++;
		w[n][0] = b;
		w[n][1] = i;
		n++;
	}
	return n;
}

/* The letters of the word S[0..LEN) if it is in capitals (three letters
 * or more, not an initialism such as "SG", none in lower case), else 0. */
static int shouting(const char *s, size_t len)
{
	int upper = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c >= 'a' && c <= 'z') || c >= 0x80)
			return 0;
		upper += c >= 'A' && c <= 'Z';
	}
	return upper >= 3 ? upper : 0;
}

static bool has_lower(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] >= 'a' && s[i] <= 'z')
			return true;
	return false;
}

static void lowcopy(const char *s, size_t len, char *buf, size_t cap)
{
	size_t n = 0;
	for (size_t i = 0; i < len && n + 1 < cap; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == 0xe2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
		    (unsigned char)s[i + 2] == 0x99) {
			buf[n++] = '\'';
			i += 2;
			continue;
		}
		buf[n++] = (char)lower(c);
	}
	buf[n] = 0;
}

/* Is the word S[0..LEN) a description such as "Chicago-based",
 * "French-born", "London-listed"? */
static bool described(const char *s, size_t len)
{
	static const char *const SUFFIXES[] = {
		"-based", "-born", "-listed", "-owned", "-controlled",
		"-headquartered", "-registered", "-backed", "-run",
	};
	char buf[64];
	lowcopy(s, len, buf, sizeof buf);
	size_t n = strlen(buf);
	for (size_t i = 0; i < NELEM(SUFFIXES); i++) {
		size_t k = strlen(SUFFIXES[i]);
		if (n > k && !strcmp(buf + n - k, SUFFIXES[i]))
			return true;
	}
	return false;
}

/* quoth_speaker_canonical(); a BODY's name that starts with a title's
 * word ("General Motors", "First Boston") keeps it. */
static quoth_status_t canonical(const char *name, size_t len, bool body,
				char **out)
{
	size_t w[32][2];
	char buf[64];
	*out = NULL;
	int n = split_words(name, len, w, 32);
	/* Trailing punctuation and a possessive off the last word. */
	while (n > 0) {
		size_t *e = &w[n - 1][1];
		while (*e > w[n - 1][0] && strchr(",;:)(\"", name[*e - 1]))
			(*e)--;
		if (*e - w[n - 1][0] >= 3 && name[*e - 1] == 's' &&
		    name[*e - 2] == '\'')
			*e -= 2;
		else if (*e - w[n - 1][0] >= 5 && name[*e - 1] == 's' &&
			 (unsigned char)name[*e - 2] == 0x99 &&
			 (unsigned char)name[*e - 4] == 0xe2)
			*e -= 4;
		if (*e > w[n - 1][0])
			break;
		n--;
	}
	/* "Paul Boateng MP" */
	while (n > 1) {
		lowcopy(name + w[n - 1][0], w[n - 1][1] - w[n - 1][0], buf, sizeof buf);
		if (!IN(buf, POSTNOMINALS))
			break;
		n--;
	}
	int first = 0;
	/* "Chicago-based Boeing", "UK-born Smith": a description, not a
	 * name, as far as the last such word */
	for (int k = n - 2; k >= 0 && !first; k--)
		if (described(name + w[k][0], w[k][1] - w[k][0]))
			first = k + 1;
	int the = 0;
	if (n > 1 && !first && body) {
		lowcopy(name + w[0][0], w[0][1] - w[0][0], buf, sizeof buf);
		the = !strcmp(buf, "the");
		lowcopy(name + w[the][0], w[the][1] - w[the][0], buf, sizeof buf);
	}
	if (the < n - 1 && body && (word_list_flags(buf) & F_TITLE)) {
		first = the;	/* "General Motors", "the First Boston" */
	} else if (n > 0 && !first) {
		lowcopy(name + w[n - 1][0], w[n - 1][1] - w[n - 1][0], buf, sizeof buf);
		if ((word_list_flags(buf) & F_ORG) && n > 1) {
			lowcopy(name + w[0][0], w[0][1] - w[0][0], buf, sizeof buf);
			if (!strcmp(buf, "the"))
				first = 1;
		} else {
			/* "Lord Nicholls of Birkenhead": a peer is named
			 * before his seat */
			for (int k = 2; k < n; k++) {
				lowcopy(name + w[k][0], w[k][1] - w[k][0], buf, sizeof buf);
				if (strcmp(buf, "of"))
					continue;
				lowcopy(name + w[k - 2][0], w[k - 2][1] - w[k - 2][0],
					buf, sizeof buf);
				if (IN(buf, PEERS))
					n = k;
				break;
			}
			/* A person: the words after the last title. */
			int named = 0;	/* words after K that are no title */
			for (int k = n - 1; k >= 0; k--) {
				lowcopy(name + w[k][0], w[k][1] - w[k][0], buf, sizeof buf);
				int f = word_list_flags(buf);
				/* "Bank of England", "Archbishop of
				 * Canterbury", "Top of the Pops", "Federal
				 * Reserve Bank of New York": one name */
				int of = !strcmp(buf, "of") ? k
					 : !strcmp(buf, "the") && k > 0 &&
						   w[k - 1][1] - w[k - 1][0] == 2 &&
						   !strncmp(name + w[k - 1][0], "of", 2)
					 ? k - 1 : 0;
				char head[40] = "";
				if (of > 0)
					lowcopy(name + w[of - 1][0], w[of - 1][1] - w[of - 1][0],
						head, sizeof head);
				if (of > 0 && (named == 1 || (word_list_flags(head) & F_ORG))) {
					lowcopy(name + w[0][0], w[0][1] - w[0][0], buf,
						sizeof buf);
					first = !strcmp(buf, "the");
					break;
				}
				/* "Connecticut Democrat Christopher Dodd":
				 * a party member is a title here only (in
				 * the word lists, "the Connecticut
				 * Democrat" stays a speaker) */
				if ((f & F_TITLE) || !strcmp(buf, "of") ||
				    !strcmp(buf, "the") ||
				    !strcmp(buf, "democrat") ||
				    ((f & F_DESC) && named >= 2)) {
					first = k + 1;
					break;
				}
				if (!(f & F_DESC))
					named++;
			}
			if (first >= n)
				first = 0;
		}
	}
	/* A headline run into the name: "TECH SHARES HAMMERED Intel".  Not
	 * a name in capitals ("ABN AMRO Equities", "KUWAIT INVESTMENT
	 * AUTHORITY"): the run has two words or more, one of five letters
	 * or more, and a word in lower case follows. */
	int caps = first, longest = 0;
	for (; caps < n; caps++) {
		int letters = shouting(name + w[caps][0], w[caps][1] - w[caps][0]);
		if (!letters)
			break;
		if (letters > longest)
			longest = letters;
	}
	if (caps - first >= 2 && longest >= 5 && caps < n &&
	    has_lower(name + w[caps][0], w[caps][1] - w[caps][0]))
		first = caps;
	char *o = malloc(len + 64);
	if (!o)
		return QUOTH_ERR_NOMEM;
	size_t m = 0;
	for (int k = first; k < n; k++) {
		const char *src = name + w[k][0];
		size_t l = w[k][1] - w[k][0];
		lowcopy(src, l, buf, sizeof buf);
		for (size_t v = 0; v < NELEM(VARIANTS); v++)
			if (buf[0] == VARIANTS[v][0][0] &&
			    !strcmp(buf, VARIANTS[v][0])) {
				src = VARIANTS[v][1];
				l = strlen(src);
				break;
			}
		if (m)
			o[m++] = ' ';
		if (m + l + 2 > len + 64)
			break;
		memcpy(o + m, src, l);
		m += l;
	}
	o[m] = 0;
	*out = o;
	return QUOTH_OK;
}

quoth_status_t quoth_speaker_canonical(const char *name, size_t len, char **out)
{
	return canonical(name, len, false, out);
}

bool quoth_speaker_is_org(const char *name)
{
	const char *sp = strrchr(name, ' ');
	const char *last = sp ? sp + 1 : name;
	char buf[64];
	lowcopy(last, strlen(last), buf, sizeof buf);
	return (word_list_flags(buf) & F_ORG) != 0;
}

const char *quoth_speaker_surname(const char *name, size_t *len)
{
	static const char *const SUFFIXES[] = {"jr", "jr.", "sr", "sr.",
					       "ii", "iii", "iv"};
	size_t w[32][2];
	int n = split_words(name, strlen(name), w, 32);
	if (n == 0) {
		*len = 0;
		return name;
	}
	int k = n - 1;
	char buf[8];
	lowcopy(name + w[k][0], w[k][1] - w[k][0], buf, sizeof buf);
	if (k > 0 && IN(buf, SUFFIXES))
		k--;
	const char *s = name + w[k][0];
	size_t l = w[k][1] - w[k][0];
	while (l > 1 && s[l - 1] == ',')	/* "Hugh McColl, Jr." */
		l--;
	if (l > 3 && (!strncasecmp(s, "al-", 3) || !strncasecmp(s, "el-", 3))) {
		s += 3;
		l -= 3;
	}
	*len = l;
	return s;
}

/* ---- names ---- */

/* Is token I an "&" between two words of a firm's name ("Tiffany & Co"),
 * or an "and" before a company's suffix or between two letters? */
static bool amp_between(const struct ex *x, int i)
{
	if (i <= 0 || i + 1 >= x->ntok || !name_word(&x->tok[i - 1]) ||
	    (x->tok[i - 1].flags & F_POSS) || !name_word(&x->tok[i + 1]))
		return false;
	if (punct_is(x, i, "&"))
		return true;
	/* "Kidder Peabody and Co", "S and P" */
	char w[8];
	return weq(x, i, "and") &&
	       ((wcopy(x, &x->tok[i + 1], w, sizeof w, true) &&
		 (IN(w, CORP_SUFFIXES) || !strcmp(w, "sons"))) ||
		(x->tok[i - 1].e - x->tok[i - 1].s == 1 &&
		 x->tok[i + 1].e - x->tok[i + 1].s == 1));
}

/* Start of the capitalised run ending at word token J (particles and
 * titles included; stops at punctuation and lower-case words). */
static int run_start(const struct ex *x, int j, int lo)
{
	int r = j;
	while (r - 1 >= lo) {
		const struct tok *p = &x->tok[r - 1];
		if (r - 2 >= lo && amp_between(x, r - 1)) {	/* "Standard & Poor's" */
			r -= 2;
			continue;
		}
		if (p->kind != T_WORD || (p->flags & F_POSS))
			break;
		if (name_word(p) || ((p->flags & F_PART) && r - 2 >= lo &&
				     name_word(&x->tok[r - 2])))
			r--;
		else if (weq(x, r - 1, "of") && r - 2 >= lo &&
			 (x->tok[r - 2].flags & (F_TITLE | F_ORG)) &&
			 (x->tok[r - 2].flags & F_CAP))
			r--;	/* "Secretary of State", "Bank of England" */
		else
			break;
	}
	return r;
}

/* The first word after the seat that starts at S, a title's "of" or
 * "for" before it: the seat is its first word and any body, place or
 * title words or "Affairs" after that, then the same again after "of"
 * ("the Exchequer", "Foreign Affairs", "the Bank of England"). */
static int past_seat(const struct ex *x, int s, int j)
{
	for (;;) {
		s++;
		while (s <= j && ((x->tok[s].flags & (F_ORG | F_PLACE | F_TITLE)) ||
				  weq(x, s, "affairs")))
			s++;
		if (s >= j || !weq(x, s, "of"))
			return s;
		s += 1 + (s + 1 < j && weq(x, s + 1, "the"));
	}
}

/* Is word K a seat's noun ("the Exchequer", "Commerce"), or one by its
 * ending: "Markets", "Policy", "Stability", "Management", "Banking"? */
static bool seat_noun(const struct ex *x, int k)
{
	static const char *const ends[] = {
		"ment", "tion", "sion", "ity", "ics", "ing", "cy", "ance",
		"ence", "ture", "ets", "ers", "ices",
	};
	char w[24];
	if (!wcopy(x, &x->tok[k], w, sizeof w, false))
		return false;
	if (IN(w, SEATS))
		return true;
	size_t n = strlen(w);
	for (size_t i = 0; i < NELEM(ends); i++) {
		size_t m = strlen(ends[i]);
		if (n > m + 2 && !strcmp(w + n - m, ends[i]))
			return true;
	}
	return false;
}

/* Whether the last word of run [E, J] is named elsewhere on its own
 * ("Lawson said", not "Chicago Mercantile Exchange" again, nor "the
 * Exchange"): a person's surname, which a body's last word seldom is. */
static bool named_alone(const struct ex *x, int e, int j)
{
	char w[40], v[40];
	if (!wcopy(x, &x->tok[j], w, sizeof w, true))
		return false;
	for (int k = 0; k < x->ntok; k++) {
		const struct tok *t = &x->tok[k];
		if ((k >= e && k <= j) || t->kind != T_WORD || !(t->flags & F_CAP) ||
		    !wcopy(x, t, v, sizeof v, true) || strcmp(v, w) ||
		    (k > 0 && (name_word(&x->tok[k - 1]) ||
			       (x->tok[k - 1].flags & F_DET))) ||
		    (k + 1 < x->ntok && name_word(&x->tok[k + 1])))
			continue;
		return true;
	}
	return false;
}

static bool person_run(const struct ex *x, int na, int b, bool titled);
static bool firm_run(const struct ex *x, int na, int b);
static bool coded(const struct ex *x, int b);

/* Does the phrase [A, B] name a body: a body's word (not one that is
 * also a title's, as "House"), a company's suffix or stock code, "&", or
 * a company's name the text gives elsewhere? */
static bool body_end(const struct ex *x, int a, int b)
{
	char w[16];
	if (coded(x, b) || firm_run(x, a, b) ||
	    (wcopy(x, &x->tok[b], w, sizeof w, true) && IN(w, CORP_SUFFIXES)))
		return true;
	for (int k = a; k <= b; k++)
		if (((x->tok[k].flags & F_ORG) && !(x->tok[k].flags & F_TITLE)) ||
		    amp_between(x, k))
			return true;
	return false;
}

/* In run [R, J], the first word of a name of two words or more after a
 * title's seat, or -1: "Chancellor of the Exchequer Nigel Lawson",
 * "Secretary of State for Energy Peter Walker", "Governor of the Bank of
 * England Robin Leigh-Pemberton". */
static int after_seat(const struct ex *x, int r, int j)
{
	int name = -1;
	for (int k = r > 2 ? r - 2 : 1; k < j; k++) {
		if (!(weq(x, k, "of") || weq(x, k, "for")) ||
		    !(x->tok[k - 1].flags & F_TITLE))
			continue;
		int seat = k + 1 + weq(x, k + 1, "the");
		int e = seat >= r ? past_seat(x, seat, j) : -1;
		/* "Financial Markets Anthony Ryan", "Economic Policy …" */
		while (e >= 0 && e + 1 < j && seat_noun(x, e))
			e++;
		char w[16];
		if (e > name && e < j && person_run(x, e, j, false) &&
		    !(wcopy(x, &x->tok[j], w, sizeof w, true) &&
		      IN(w, CORP_SUFFIXES)) &&
		    (seat_noun(x, seat) || named_alone(x, e, j)))
			name = e;
	}
	return name;
}

/* First word of the name in run [r, j]: after the last title, or after
 * a title's seat; *SEAT (if not NULL) is after_seat()'s answer, or -1. */
static int name_start_seat(const struct ex *x, int r, int j, int *seat)
{
	if (seat)
		*seat = -1;
	int n = j;
	while (n - 1 >= r && !(x->tok[n - 1].flags & F_TITLE) &&
	       !weq(x, n - 1, "of"))
		n--;
	if (x->tok[j].flags & F_TITLE)
		return j + 1;	/* nothing but titles */
	/* "the Archbishop of Canterbury": a title and its seat */
	if (n == j && n - 2 >= r && weq(x, n - 1, "of"))
		return r;
	int e = after_seat(x, r, j);
	if (seat)
		*seat = e;
	return e > n ? e : n;
}

static int name_start(const struct ex *x, int r, int j)
{
	return name_start_seat(x, r, j, NULL);
}

static bool add_person(struct ex *x, const char *name, size_t pos, bool full,
		       const char *titles, size_t tlen)
{
	if (x->nper == x->capper) {
		int cap = x->capper ? x->capper * 2 : 32;
		struct person *p = realloc(x->per, (size_t)cap * sizeof *p);
		if (!p) {
			x->oom = true;
			return false;
		}
		x->per = p;
		x->capper = cap;
	}
	char *nm = NULL;
	if (quoth_speaker_canonical(name, strlen(name), &nm)) {
		x->oom = true;
		return false;
	}
	size_t slen;
	const char *last = quoth_speaker_surname(nm, &slen);
	char *sur = malloc(slen + 1);
	if (!sur) {
		free(nm);
		x->oom = true;
		return false;
	}
	lowcopy(last, slen, sur, slen + 1);
	char *tt = malloc(tlen + 1);
	if (!tt) {
		free(nm);
		free(sur);
		x->oom = true;
		return false;
	}
	lowcopy(titles, tlen, tt, tlen + 1);
	x->per[x->nper++] = (struct person){ nm, sur, pos, full, tt };
	return true;
}

static char *tok_copy(const struct ex *x, int a, int b)
{
	return norm_copy(x->t, x->tok[a].s, x->tok[b].e);
}

/* Two-word cues, followed by punctuation, "about" or "that": "Hillary
 * shot back, “…”", "Trump went on about “…”". */
static bool phrasal_cue(const struct ex *x, int i)
{
	if (i + 2 < x->ntok && x->tok[i + 2].kind == T_WORD &&
	    !weq(x, i + 2, "about") && !weq(x, i + 2, "that"))
		return false;
	if (weq(x, i + 1, "back"))
		return weq(x, i, "shot") || weq(x, i, "fired") ||
		       weq(x, i, "pushed") || weq(x, i, "hit") ||
		       weq(x, i, "shoots") || weq(x, i, "fires");
	if (weq(x, i + 1, "on") || weq(x, i + 1, "in"))
		return weq(x, i, "went") || weq(x, i, "chimed");
	return false;
}

static bool is_cue_at(const struct ex *x, int i)
{
	if (i < 0 || i >= x->ntok || x->tok[i].kind != T_WORD ||
	    (x->tok[i].flags & F_CAP))
		return false;
	return (x->tok[i].flags & F_CUE) || phrasal_cue(x, i) ||
	       (weq(x, i, "according") && weq(x, i + 1, "to")) ||
	       (weq(x, i, "put") && weq(x, i + 1, "it"));
}

/* Is word token K, which starts the name ending at token J, a given name
 * that is also a particle ("Ben Bernanke", "Al Gore"; not the "Ben" of
 * "Zine El Abidine Ben Ali")? */
static bool given_particle(const struct ex *x, int k, int j)
{
	return k < j && (x->tok[k].flags & F_CAP) &&
	       (weq(x, k, "ben") || weq(x, k, "al"));
}

/* Collects the full names of the text, and single names that act as
 * people ("Mattis said", "Minister Ryabkov"). */
static void collect_names(struct ex *x)
{
	for (int j = 0; j < x->ntok && !x->oom; j++) {
		const struct tok *t = &x->tok[j];
		if (!name_word(t))
			continue;
		if (j + 1 < x->ntok && (name_word(&x->tok[j + 1]) ||
					(x->tok[j + 1].flags & F_PART) ||
					amp_between(x, j + 1)) &&
		    !(t->flags & F_POSS))
			continue;	/* not the end of the run */
		int r = run_start(x, j, 0);
		while (r < j && (x->tok[r].flags & (F_STOP | F_PART)) &&
		       !given_particle(x, r, j))
			r++;
		int n = name_start(x, r, j);
		/* "analyst David Bank", "adviser Jerome York", "Jim Press,
		 * head of Toyota": next to a role, a given name and a surname
		 * that is also a body's, a place's or a title's word */
		int g = n > j ? j - 1 : n;	/* the given name, if any */
		int c = j + 2 < x->ntok && (x->tok[j + 2].flags & F_DET) ? j + 3 : j + 2;
		bool role_before = g > 0 && x->tok[g - 1].kind == T_WORD &&
				   (x->tok[g - 1].flags & F_ROLE) &&
				   !(x->tok[g - 1].flags & (F_ORG | F_PLACE)) &&
				   !weq(x, g - 1, "general");
		bool role_after = punct_is(x, j + 1, ",") && c < x->ntok &&
				  x->tok[c].kind == T_WORD && (x->tok[c].flags & F_ROLE) &&
				  !(x->tok[c].flags & F_CAP);
		bool surname_ok = (role_before || role_after) && j == g + 1 &&
				  g >= r && x->tok[g].kind == T_WORD &&
				  !(x->tok[g].flags & (F_ORG | F_PLACE | F_UPPER | F_TITLE)) &&
				  !(x->tok[j].flags & F_UPPER);
		if (n > j && surname_ok && (x->tok[j].flags & (F_ORG | F_PLACE)))
			n = g;	/* "Jack White, director of research" */
		if (n > j)
			continue;
		int words = 0;
		bool bad = false;
		bool titled = n > r;
		for (int k = n; k <= j; k++) {
			int f = x->tok[k].flags;
			if (amp_between(x, k) || coded(x, j))
				bad = true;	/* "Griggs & Santow", a firm */
			if ((f & F_PART) && !(k == n && given_particle(x, k, j)))
				continue;
			words++;
			if (((f & F_ORG) && !(k == j && surname_ok)) ||
			    (f & (F_TIME | F_STOP | F_UPPER)) ||
			    (x->tok[k].e - x->tok[k].s == 2 && x->t[x->tok[k].e - 1] == '.' &&
			     k == j))
				bad = true;
		}
		if (bad || words > 4 || ((x->tok[j].flags & F_PLACE) && !surname_ok))
			continue;
		int v = j + 1;
		while (v < x->ntok && (x->tok[v].flags & (F_AUX | F_LY)) && v < j + 3)
			v++;
		/* "Mattis says", "Mattis will say"; "Phone call centres" is
		 * a noun after a sentence's first word, not a lone name's
		 * verb in its bare form */
		bool speaks = is_cue_at(x, v) && !(t->flags & F_POSS) &&
			      !(v == j + 1 && (x->tok[v].flags & F_LEMMA));
		if (words >= 2 || titled || speaks) {
			char *nm = tok_copy(x, n, j);
			if (!nm) {
				x->oom = true;
				return;
			}
			int a = n;
			while (a - 1 >= 0 && n - a < 6 && x->tok[a - 1].kind == T_WORD &&
			       ((x->tok[a - 1].flags & (F_TITLE | F_ROLE | F_ADJ)) ||
				name_word(&x->tok[a - 1])))
				a--;
			add_person(x, nm, x->tok[n].s, words >= 2, x->t + x->tok[a].s,
				   x->tok[n].s - x->tok[a].s);
			free(nm);
		}
	}
}

/* Is full name P's first word W (lower-case)? */
static bool given_is(const struct person *p, const char *w)
{
	char buf[64];
	lowcopy(p->name, strcspn(p->name, " "), buf, sizeof buf);
	return !strcmp(buf, w);
}

/* The full name for single name NAME near byte POS, or NULL: the one
 * with that surname ("Bernanke": "Ben Bernanke", "al-Maliki": "Nouri
 * al-Maliki"), else, for a family name that is written first, the one
 * that starts with it ("Wen": "Wen Jiabao"); with GIVEN, only the one
 * that starts with it ("Sir Digby": "Digby Jones").  The nearest before
 * POS, else the first after. */
static const struct person *full_name(const struct ex *x, const char *name,
				      size_t pos, bool given)
{
	size_t len;
	const char *s = quoth_speaker_surname(name, &len);
	char w[64];
	lowcopy(s, len, w, sizeof w);
	const struct person *best = NULL;
	int passes = given || (word_list_flags(w) & F_FAMILY) ? 2 : 1;
	for (int pass = given; pass < passes && !best; pass++)
		for (int i = 0; i < x->nper; i++) {
			const struct person *p = &x->per[i];
			if (!p->full || (pass ? !given_is(p, w) : strcmp(p->sur, w)))
				continue;
			if (!best || (p->pos < pos &&
				      (best->pos > pos || p->pos > best->pos)))
				best = p;
		}
	return best;
}

/* Does the text name a company whose first word is NAME ("Ford Motor Co"
 * for "Ford", "Halliburton Co")?  A capitalised run of at most four
 * words, outside quotations, ending in a corporate suffix. */
static bool names_company(const struct ex *x, const char *name)
{
	char w[40], v[40];
	lowcopy(name, strlen(name), w, sizeof w);
	for (int i = 0; i + 1 < x->ntok; i++) {
		if (!name_word(&x->tok[i]) || x->tok[i].q >= 0)
			continue;
		wcopy(x, &x->tok[i], v, sizeof v, false);
		if (strcmp(v, w))
			continue;
		for (int k = i + 1; k < x->ntok && k <= i + 3 &&
				    x->tok[k].kind == T_WORD &&
				    (x->tok[k].flags & F_CAP); k++) {
			wcopy(x, &x->tok[k], v, sizeof v, true);
			if (IN(v, CORP_SUFFIXES))
				return true;
		}
	}
	return false;
}

static bool known_single(const struct ex *x, const char *w)
{
	for (int i = 0; i < x->nper; i++)
		if (!strcmp(x->per[i].sur, w))
			return true;
	return false;
}

/* Words that make a title a lesser one: a deputy mayor is no mayor. */
static const char *const UNDER[] = { "deputy", "vice", "assistant", "acting" };

/* Do TITLES (lower case) give ROLE itself, not a deputy's ("deputy
 * mayor" is no "the mayor")? */
static bool has_role(const char *titles, const char *role)
{
	for (const char *m = strstr(titles, role); m; m = strstr(m + 1, role)) {
		bool under = false;
		for (size_t i = 0; i < NELEM(UNDER); i++) {
			size_t n = strlen(UNDER[i]);
			if ((size_t)(m - titles) > n && !strncmp(m - n - 1, UNDER[i], n) &&
			    (m[-1] == ' ' || m[-1] == '-'))
				under = true;
		}
		if (!under)
			return true;
	}
	return false;
}

/* The person last given role ROLE (lower case: "senator") before POS. */
static const struct person *by_role(const struct ex *x, const char *role,
				    size_t pos)
{
	static const char *const ABBR[][2] = {
		{"senator", "sen."}, {"governor", "gov."},
		{"representative", "rep."}, {"congressman", "rep."},
		{"congresswoman", "rep."}, {"general", "gen."},
		{"professor", "prof."}, {"nominee", "candidate"},
		{"candidate", "nominee"}, {"frontrunner", "candidate"},
	};
	const char *alt = NULL;
	for (size_t i = 0; i < NELEM(ABBR); i++)
		if (!strcmp(role, ABBR[i][0]))
			alt = ABBR[i][1];
	const struct person *best = NULL;
	for (int i = 0; i < x->nper; i++) {
		const struct person *p = &x->per[i];
		if (p->pos >= pos || !p->titles[0])
			continue;
		if (has_role(p->titles, role) || (alt && has_role(p->titles, alt)))
			if (!best || p->pos > best->pos)
				best = p;
	}
	return best;
}

/* ---- attribution ---- */

/* Is word token B a role capitalised as a sentence starts ("Analysts
 * say"), not the surname of someone the text names in full ("John
 * Challenger", "Masayoshi Son")? */
static bool role_alone(const struct ex *x, int b)
{
	if (!(x->tok[b].flags & F_ROLE))
		return false;
	char w[40];
	wcopy(x, &x->tok[b], w, sizeof w, true);
	return !full_name(x, w, 0, false);
}

/* Are the token runs [a, a + len] and [b, b + len] the same words? */
static bool same_run(const struct ex *x, int a, int b, int len)
{
	for (int k = 0; k <= len; k++) {
		const struct tok *p = &x->tok[a + k], *q = &x->tok[b + k];
		if (p->e - p->s != q->e - q->s ||
		    memcmp(x->t + p->s, x->t + q->s, q->e - q->s))
			return false;
	}
	return true;
}

/* Records the distinct names the text puts before a company's suffix or
 * a stock code ("Morgan Stanley MS.N", "Best Buy Co"). */
static void collect_firms(struct ex *x)
{
	for (int e = 0; e + 1 < x->ntok && !x->oom; e++) {
		char v[16];
		if (!name_word(&x->tok[e]) || x->tok[e].q >= 0 ||
		    !(coded(x, e) ||
		      (x->tok[e + 1].kind == T_WORD && (x->tok[e + 1].flags & F_CAP) &&
		       wcopy(x, &x->tok[e + 1], v, sizeof v, false) &&
		       IN(v, CORP_SUFFIXES))))
			continue;
		int r = run_start(x, e, 0);
		while (r < e && (x->tok[r].flags & F_STOP))
			r++;
		if (r == e)
			continue;	/* one word: names_company() */
		bool seen = false;
		for (int i = 0; i < x->nfirm && !seen; i++)
			seen = x->firm[i][1] - x->firm[i][0] == e - r &&
			       same_run(x, x->firm[i][0], r, e - r);
		if (seen)
			continue;
		if (x->nfirm == x->capfirm) {
			int cap = x->capfirm ? x->capfirm * 2 : 8;
			int (*f)[2] = realloc(x->firm, (size_t)cap * sizeof *f);
			if (!f) {
				x->oom = true;
				return;
			}
			x->firm = f;
			x->capfirm = cap;
		}
		x->firm[x->nfirm][0] = r;
		x->firm[x->nfirm][1] = e;
		x->nfirm++;
	}
}

/* Is the run [na, b] of two words or more a name collect_firms() found:
 * a company's wherever it stands? */
static bool firm_run(const struct ex *x, int na, int b)
{
	for (int i = 0; i < x->nfirm; i++)
		if (x->firm[i][1] - x->firm[i][0] == b - na &&
		    same_run(x, x->firm[i][0], na, b - na))
			return true;
	return false;
}

/* Is word token B, a body's or a place's word ("Bank", "York"), the
 * surname of a person the text named in full ("David Bank")? */
static bool known_person(const struct ex *x, int b)
{
	if (!(x->tok[b].flags & (F_ORG | F_PLACE)) || weq(x, b - 1, "the"))
		return false;
	char w[40];
	wcopy(x, &x->tok[b], w, sizeof w, true);
	for (int i = 0; i < x->nper; i++)
		if (x->per[i].full && !strcmp(x->per[i].sur, w))
			return true;
	return false;
}

/* Is the name run [na, b] a person ("Putin" only when known as one)? */
static bool person_run(const struct ex *x, int na, int b, bool titled)
{
	int words = 0;
	if (na == b && known_person(x, b))
		return true;	/* "Bank said" after "David Bank" */
	if ((x->tok[b].flags & F_PLACE) || coded(x, b) ||
	    (b > na && firm_run(x, na, b)))
		return false;
	for (int k = na; k <= b; k++) {
		if ((x->tok[k].flags & (F_ORG | F_UPPER | F_TIME)) ||
		    amp_between(x, k))	/* "Procter & Gamble" */
			return false;
		if (!(x->tok[k].flags & F_PART))
			words++;
	}
	if (words >= 2 || titled)
		return true;
	char w[40], sur[40];
	wcopy(x, &x->tok[b], w, sizeof w, true);
	size_t len;
	const char *s = quoth_speaker_surname(w, &len);
	lowcopy(s, len, sur, sizeof sur);
	return !role_alone(x, b) && known_single(x, sur);
}

/* Is the name run [na, b] a place's name of two words or more ("New
 * York", "South Carolina")?  "New" counts only before a place (see
 * tokenize()); one word may be a surname ("Hill", "Fields"). */
static bool place_run(const struct ex *x, int na, int b)
{
	if (na == b)
		return false;
	for (int k = na; k <= b; k++)
		if (!(x->tok[k].flags & F_PLACE) &&
		    !(k < b && weq(x, k, "new")))
			return false;
	return true;
}

/* Is word token B a nationality that "the" and lower-case words at most
 * lead to ("the American", "the 34-year-old Briton")? */
static bool the_demonym(const struct ex *x, int b)
{
	char w[24];
	if (x->tok[b].kind != T_WORD || (x->tok[b].flags & F_POSS) ||
	    !wcopy(x, &x->tok[b], w, sizeof w, false) ||
	    (!IN(w, DEMONYMS) && !IN(w, DEMONYM_NOUNS)))
		return false;
	int i = b - 1;
	while (i >= 0 && i > b - 6 && !weq(x, i, "the") &&
	       ((x->tok[i].kind == T_WORD && !(x->tok[i].flags & F_CAP)) ||
		punct_is(x, i, "-")))
		i--;
	return weq(x, i, "the");
}

/* Is token I "spokesman", "spokeswoman", "spokesperson"...? */
static bool spokes_word(const struct ex *x, int i)
{
	char w[16];
	return i < x->ntok && x->tok[i].kind == T_WORD &&
	       wcopy(x, &x->tok[i], w, sizeof w, false) && !strncmp(w, "spokes", 6);
}

/* First word of the name of a body that ends at word token B: the
 * capitalised words and the "of", "for", "and", "the" and commas between
 * them ("Department for Work and Pensions", "Top of the Pops") when "a"
 * or "the" comes before, else the run of capitalised words. */
static int body_start(const struct ex *x, int b)
{
	int r = b, k = b - 1;
	for (; k >= 0; k--) {
		if (name_word(&x->tok[k]) && !(x->tok[k].flags & F_POSS))
			r = k;
		else if (!weq(x, k, "of") && !weq(x, k, "for") &&
			 !weq(x, k, "and") && !weq(x, k, "the") &&
			 !punct_is(x, k, ","))
			break;
	}
	return k >= 0 && k + 1 == r && (x->tok[k].flags & F_DET) ? r
								 : run_start(x, b, 0);
}

/* Classifies the noun phrase [a, b]: fills AT (kind, na). */
static bool np_kind(const struct ex *x, int a, int b, struct attr *at,
		    bool lenient)
{
	if (a < 0 || b < a)
		return false;
	const struct tok *h = &x->tok[b];
	if (h->kind != T_WORD || (h->flags & F_POSS))
		return false;
	while (a < b && (x->tok[a].flags & F_DET))
		a++;
	at->a = a;
	at->b = b;
	if (a == b && (h->flags & F_PRON)) {
		at->kind = A_PRON;
		at->na = b;
		return true;
	}
	if (name_word(h)) {
		if (the_demonym(x, b)) {
			at->kind = A_DESC;
			at->na = b;
			return true;
		}
		/* "Peter Fellner of James Capel and Co": a person of a body
		 * is the person, when a title or role comes before the name,
		 * its surname stands alone elsewhere, or a body's word ends
		 * the phrase ("Royal College of Physicians" is none) */
		for (int k = b - 1; k > a + 1; k--) {
			if (!weq(x, k, "of") || !name_word(&x->tok[k - 1]))
				continue;
			int p = run_start(x, k - 1, a), n = name_start(x, p, k - 1);
			if (n < k - 1 && person_run(x, n, k - 1, n > p) &&
			    !place_run(x, n, k - 1) &&
			    ((n > p && (x->tok[n - 1].flags & F_TITLE)) ||
			     (p > a && (x->tok[p - 1].flags & (F_ROLE | F_TITLE))) ||
			     named_alone(x, n, k - 1) || body_end(x, k + 1, b))) {
				at->kind = A_PERSON;
				at->na = n;
				at->b = k - 1;
				return true;
			}
		}
		int r = run_start(x, b, a);
		if (r == b && known_person(x, b)) {
			at->kind = A_PERSON;	/* "Bank said" after "David Bank" */
			at->na = b;
			return true;
		}
		if (h->flags & F_ORG) {
			at->kind = A_ORG;
			at->na = r;
			return true;
		}
		int seat, n = name_start_seat(x, r, b, &seat);
		/* a body's word names a body, unless a title and a person's
		 * name follow it: "Federal Reserve Bank of Dallas President
		 * Richard Fisher" */
		bool after_title = n > r && n <= b &&
				   ((x->tok[n - 1].flags & F_TITLE) || n == seat);
		/* "Barnes & Noble", "Fannie Mae FNM.N" are ones too, and
		 * "General Motors" wherever the text writes "General Motors
		 * Corp" */
		if ((body_end(x, r, b) && !(after_title && person_run(x, n, b, true))) ||
		    (b > r && firm_run(x, r, b))) {
			at->kind = A_ORG;
			at->na = r;
			return true;
		}
		if (n > b || (r == b && role_alone(x, b))) {
			/* "the President"; "Analysts say" */
			at->kind = A_DESC;
			at->na = b;
			return true;
		}
		if (place_run(x, n, b))
			return false;
		if (h->flags & F_UPPER && n == b && !lenient)
			return false;
		bool titled = n > a;
		if (!person_run(x, n, b, titled) && !lenient)
			return false;
		at->kind = n == b && !person_run(x, n, b, titled) ? A_ORG : A_PERSON;
		at->na = n;
		/* "Lord Nicholls of Birkenhead": the name is the peer's whole
		 * style, which quoth_speaker_canonical() makes "Nicholls" */
		char w[16];
		if (at->kind == A_PERSON && n - 3 >= a && weq(x, n - 1, "of") &&
		    name_word(&x->tok[n - 2]) &&
		    wcopy(x, &x->tok[n - 3], w, sizeof w, false) && IN(w, PEERS))
			at->na = n - 3;
		return true;
	}
	if ((h->flags & F_ROLE) && !(h->flags & F_CAP)) {
		/* "the Ofcom spokesman", "a Labour Party spokeswoman": the
		 * body spoken for, as in "a spokesman for Ofcom" */
		if (b > a && name_word(&x->tok[b - 1]) &&
		    !(x->tok[b - 1].flags & F_POSS) && spokes_word(x, b) &&
		    !the_demonym(x, b - 1)) {
			at->kind = A_ORG;
			at->a = at->na = body_start(x, b - 1);
			at->b = b - 1;
			return true;
		}
		at->kind = A_DESC;
		at->na = b;
		return true;
	}
	return false;
}

/* Start of the noun phrase ending at word token B, no earlier than LO. */
static int np_back(const struct ex *x, int b, int lo)
{
	int a = b;
	while (a - 1 >= lo) {
		const struct tok *p = &x->tok[a - 1];
		if (a - 2 >= lo && amp_between(x, a - 1)) {
			a -= 2;
			continue;
		}
		if (p->kind != T_WORD || p->q >= 0)
			break;
		if (p->flags & F_DET) {
			a--;
			break;
		}
		if (name_word(p) || (p->flags & (F_TITLE | F_ADJ | F_ROLE | F_PART)) ||
		    (p->flags & F_POSS))
			a--;
		else
			break;
		if (b - a > 8)
			break;
	}
	return a;
}

/* The noun phrase before a parenthesis ending at J (or at J - 1 when J is
 * a comma): "Gov. John Kasich (R-OH)". */
static bool np_paren(const struct ex *x, int j, int lo, struct attr *at,
		     bool lenient)
{
	int k = punct_is(x, j, ")") ? j - 1 : j - 2;
	while (k > lo && k > j - 12 && !punct_is(x, k, "("))
		k--;
	if (punct_is(x, k, "(") && k - 1 >= lo && x->tok[k - 1].kind == T_WORD)
		return np_kind(x, np_back(x, k - 1, lo), k - 1, at, lenient);
	return false;
}

static bool appositive(const struct ex *x, int j, int lo, struct attr *at,
		       bool lenient);

/* The subject of cue token V: skips auxiliaries, then an appositive
 * (", the director of X,") back to the name.  LO bounds the search. */
static bool subject_of(const struct ex *x, int v, int lo, struct attr *at,
		       bool lenient)
{
	int j = v - 1;
	while (j >= lo && x->tok[j].kind == T_WORD && x->tok[j].q < 0 &&
	       (((x->tok[j].flags & (F_AUX | F_LY)) && !(x->tok[j].flags & F_CAP) &&
		 !(x->tok[j].flags & F_PRON)) ||
		ticker(x, &x->tok[j])))	/* "Mattel Inc MAT.N said" */
		j--;
	while (j >= lo && (x->tok[j].flags & F_TIME)) {
		j--;
		if (weq(x, j, "on") || weq(x, j, "last") || weq(x, j, "this") ||
		    weq(x, j, "late") || weq(x, j, "early"))
			j--;
	}
	if (j < lo || x->tok[j].q >= 0)
		return false;
	if (punct_is(x, j, ")") || (punct_is(x, j, ",") && punct_is(x, j - 1, ")"))) {
		/* "Chittabrata Majumdar, general secretary of the Centre
		 * of Indian Trade Unions (CITU), said": the person named
		 * before the description, as without the brackets */
		int o = j - 1;
		while (o > lo && o > j - 12 && !punct_is(x, o, "("))
			o--;
		struct attr ap = *at;
		if (punct_is(x, j, ",") && punct_is(x, o, "(") &&
		    appositive(x, o, lo, &ap, lenient) && ap.kind == A_PERSON) {
			*at = ap;
			return true;
		}
		return np_paren(x, j, lo, at, lenient);
	}
	if (punct_is(x, j, ","))
		return appositive(x, j, lo, at, lenient);
	if (x->tok[j].kind != T_WORD)
		return false;
	return np_kind(x, np_back(x, j, lo), j, at, lenient);
}

/* The subject "NP1, NP2" that ends before token J (a comma, or the
 * bracket of an abbreviation after NP2): NP1 when it is a person, a body
 * or a pronoun, else NP2 when it is a person. */
static bool appositive(const struct ex *x, int j, int lo, struct attr *at,
		       bool lenient)
{
	int k = j - 1;
	while (k >= lo && k > j - 20 && x->tok[k].q < 0 &&
	       !punct_is(x, k, ",") && x->tok[k].kind != T_NL &&
	       !punct_is(x, k, ".;:!?"))
		k--;
	if (k < lo || !punct_is(x, k, ","))
		return false;
	struct attr a1 = *at, a2 = *at;
	int s1 = k - 1 >= lo ? np_back(x, k - 1, lo) : k;
	bool ok1 = k - 1 >= lo &&
		   (punct_is(x, k - 1, ")") ? np_paren(x, k - 1, lo, &a1, lenient) :
		    np_kind(x, s1, k - 1, &a1, lenient));
	bool ok2 = np_kind(x, np_back(x, j - 1, k + 1), j - 1, &a2, false);
	/* "chief secretary to the Treasury, George Osborne, said",
	 * "a Dow spokesman, Chris Huntley, said": the body ends a
	 * title, whose holder is named next */
	if (ok1 && a1.kind == A_ORG && ok2 && a2.kind == A_PERSON &&
	    ((s1 - 1 >= lo && (x->tok[s1 - 1].flags & F_PREP)) ||
	     spokes_word(x, a1.b + 1)))
		ok1 = false;
	if (ok1 && (a1.kind == A_PERSON || a1.kind == A_ORG ||
		    a1.kind == A_PRON)) {
		*at = a1;
		return true;
	}
	if (ok2 && a2.kind == A_PERSON) {
		*at = a2;
		return true;
	}
	if (ok1) {
		*at = a1;
		return true;
	}
	return false;
}

/* Noun phrase starting at token A (forward), for "said X". */
static int np_fwd(const struct ex *x, int a, int hi)
{
	int b = a;
	if (b <= hi && (x->tok[b].flags & F_DET))
		b++;
	int last = -1;
	while (b <= hi && x->tok[b].q < 0 &&
	       (x->tok[b].kind == T_WORD || (amp_between(x, b) && b + 1 <= hi))) {
		if (x->tok[b].kind != T_WORD) {
			b++;
			continue;
		}
		int f = x->tok[b].flags;
		/* "Charles Rangel of New York" ends before "of"; "Secretary
		 * of State", "Bank of America", "Port of Seattle" do not */
		if (b - 2 >= a && last == b - 1 && weq(x, b, "of") &&
		    name_word(&x->tok[b - 1]) && name_word(&x->tok[b - 2]) &&
		    !(x->tok[b - 1].flags & (F_TITLE | F_ORG)))
			break;
		bool head = name_word(&x->tok[b]) || (f & (F_TITLE | F_ROLE | F_PRON));
		if (head)
			last = b;
		else if (!(f & (F_ADJ | F_PART)) && !((f & F_POSS) && b > a) &&
			 !((f & F_ORG) && b + 1 <= hi &&
			   (x->tok[b + 1].flags & (F_TITLE | F_ROLE))))
			break;	/* "the court official" goes on */
		if (f & F_PRON)
			break;
		b++;
	}
	if (last >= 0 && (x->tok[last].flags & F_POSS) && last + 1 <= hi &&
	    x->tok[last + 1].kind == T_WORD)
		return -1;	/* "Putin's spokesman": no head found */
	return last;
}

/* Sentence bounds around piece P (tokens outside other pieces). */
static int sent_lo(const struct ex *x, int k)
{
	const struct piece *P = &x->pc[k];
	int j = P->topen - 1;
	for (; j >= 0; j--) {
		const struct tok *t = &x->tok[j];
		if (t->kind == T_NL)
			break;
		if (t->q >= 0 && t->q != k) {
			const struct piece *o = &x->pc[t->q];
			if (j == o->tend && o->end_sent)
				break;
			continue;
		}
		if (punct_is(x, j, ".!?;") ||
		    (t->kind == T_PUNCT && t->e - t->s == 3 &&
		     (unsigned char)x->t[t->s + 2] == 0xa6 && j + 1 < P->topen &&
		     (x->tok[j + 1].flags & F_CAP)))
			break;
	}
	return j + 1;
}

static int sent_hi(const struct ex *x, int k, bool stop_quote)
{
	const struct piece *P = &x->pc[k];
	int j = P->tend + 1;
	for (; j < x->ntok; j++) {
		const struct tok *t = &x->tok[j];
		if (t->kind == T_NL)
			break;
		if (t->q >= 0) {
			if (stop_quote)
				break;
			continue;
		}
		if (punct_is(x, j, ".!?;"))
			break;
	}
	return j - 1;
}

static bool set_cue(struct attr *at, int c0, int c1)
{
	at->cue0 = c0;
	at->cue1 = c1;
	return true;
}

/* "according to X" anywhere in [lo, hi]. */
static bool according(const struct ex *x, int lo, int hi, struct attr *at)
{
	for (int j = lo; j + 2 <= hi; j++) {
		if (x->tok[j].q >= 0 || !weq(x, j, "according") || !weq(x, j + 1, "to"))
			continue;
		int b = np_fwd(x, j + 2, hi);
		if (b >= 0 && np_kind(x, j + 2, b, at, true))
			return set_cue(at, j, j + 1);
	}
	return false;
}

/* Is the name [a, b] alone in brackets, a credit rather than a subject:
 * "LONDON (Reuters) - ..."? */
static bool credit(const struct ex *x, int a, int b)
{
	return punct_is(x, a - 1, "(") && punct_is(x, b + 1, ")");
}

static bool sent_subject(const struct ex *x, int lo, int hi, struct attr *at);

static bool ing_word(const struct ex *x, int v)
{
	const struct tok *t = &x->tok[v];
	return t->e - t->s > 4 && !memcmp(x->t + t->e - 3, "ing", 3);
}

/* A cue in tokens [lo, end): the nearest one with a subject.  A
 * participle after a comma or preposition ("…, saying", "by saying")
 * takes the subject of the sentence. */
static bool cue_before(const struct ex *x, int lo, int end, struct attr *at)
{
	if (lo < 0)
		lo = 0;
	if (end > x->ntok)
		end = x->ntok;
	for (int v = end - 1; v >= lo; v--) {
		if (x->tok[v].q >= 0 || !is_cue_at(x, v))
			continue;
		if (weq(x, v, "according"))
			continue;
		if (v - 1 >= lo && x->tok[v - 1].kind == T_WORD &&
		    ((x->tok[v - 1].flags & (F_DET | F_POSS)) ||
		     weq(x, v - 1, "his") || weq(x, v - 1, "her") ||
		     weq(x, v - 1, "their") || weq(x, v - 1, "its")))
			continue;	/* "a call", "his claim": nouns (and
					 * "Trump's claim" is as often the
					 * object of another's words) */
		if (ing_word(x, v) && v - 1 >= lo &&
		    (punct_is(x, v - 1, ",") || (x->tok[v - 1].flags & F_PREP))) {
			if (sent_subject(x, lo, v - 1, at) && at->kind != A_DESC)
				return set_cue(at, v, -1);
			continue;
		}
		if (subject_of(x, v, lo, at, true)) {
			if (at->kind == A_PRON && !weq(x, at->a, "he") &&
			    !weq(x, at->a, "she") && !weq(x, at->a, "they") &&
			    !weq(x, at->a, "it"))
				continue;	/* "Trump said, and I quote, …" */
			return set_cue(at, v, weq(x, v, "put") ? v + 1 : -1);
		}
		if (x->tok[v].flags & F_CUE1) {
			/* "…, explained CBS moderator Nancy Cordes: “" */
			int b = np_fwd(x, v + 1, end - 1);
			if (b >= 0 && (b + 1 >= end || x->tok[b + 1].kind != T_WORD) &&
			    np_kind(x, v + 1, b, at, true))
				return set_cue(at, v, -1);
		}
	}
	/* "Said Dorothy Poynter, who grew up with Ali, “…”" */
	if (lo < end && (x->tok[lo].flags & F_CAP) && (x->tok[lo].flags & F_CUE1)) {
		int b = np_fwd(x, lo + 1, end - 1);
		if (b >= 0 && (b + 1 >= end || x->tok[b + 1].kind != T_WORD) &&
		    np_kind(x, lo + 1, b, at, true))
			return set_cue(at, lo, -1);
	}
	return false;
}

/* "GEORGE DAVIS, SENIOR CURRENCY STRATEGIST, RBC CAPITAL MARKETS, TORONTO:
 * “…”": when the words before the colon at PV are nothing but a list of
 * names, the person heading it speaks, not the place ending it. */
static bool list_head(const struct ex *x, int pv, struct attr *at)
{
	/* the list runs back from the colon to a heading's colon, the
	 * quotation before or the sentence's start, across a line break
	 * and a ';' ("CIBC WORLD MARKETS; NEW YORK") */
	int a = pv;
	while (a - 1 >= 0 && pv - a <= 40) {
		const struct tok *t = &x->tok[a - 1];
		if (t->q >= 0 || (t->kind == T_WORD ?
				  !(t->flags & (F_CAP | F_UPPER | F_STOP | F_PART)) :
				  t->kind == T_NL ? t->nl > 1 :
				  !punct_is(x, a - 1, ",;&-'/")))
			break;
		a--;
	}
	if (a - 1 >= 0 && (pv - a > 40 || (x->tok[a - 1].kind == T_WORD &&
					    x->tok[a - 1].q < 0)))
		return false;
	while (a < pv && x->tok[a].kind != T_WORD)
		a++;
	int comma = a;
	while (comma < pv && !punct_is(x, comma, ","))
		comma++;
	/* the head: a name of two words or more (in capitals, too) */
	if (comma == pv || comma <= a + 1 || np_fwd(x, a, comma - 1) != comma - 1)
		return false;
	struct attr t = *at;
	if (!np_kind(x, a, comma - 1, &t, true) || t.kind != A_PERSON)
		return false;
	*at = t;
	return true;
}

/* Attribution from the words [lo, end) before a quotation: a cue, or
 * "X: “…”", or the subject of a sentence ending in a colon. */
static bool before_ctx(const struct ex *x, int lo, int end, struct attr *at,
		       bool weak)
{
	int pv = end - 1;
	if (punct_is(x, pv, ":") && list_head(x, pv, at)) {
		at->colon = true;
		at->cue0 = -1;
		return true;
	}
	if (punct_is(x, pv, ":") && pv - 1 >= lo && x->tok[pv - 1].kind == T_WORD) {
		/* "Pollsters agree - Carl Bialik: “" */
		struct attr t = *at;
		if (np_kind(x, np_back(x, pv - 1, lo), pv - 1, &t, false) &&
		    t.kind == A_PERSON) {
			*at = t;
			at->colon = true;
			at->cue0 = -1;
			return true;
		}
	}
	if (cue_before(x, lo, end, at))
		return true;
	if (!punct_is(x, pv, ":") || !weak)
		return false;
	bool ok = false;
	int b = pv - 1;
	if (b >= lo && x->tok[b].kind == T_WORD) {
		int a = np_back(x, b, lo);
		if (a == lo || (a > lo && x->tok[a - 1].kind != T_WORD))
			ok = np_kind(x, a, b, at, true) && at->kind != A_DESC;
		else	/* "… doesn't surprise pollster Daron Shaw: “" */
			ok = np_kind(x, a, b, at, false) && at->kind == A_PERSON;
	}
	if (!ok)
		ok = sent_subject(x, lo, pv, at) && at->kind != A_DESC &&
		     (at->kind != A_PRON || weq(x, at->a, "he") || weq(x, at->a, "she"));
	if (ok) {
		at->colon = true;
		at->cue0 = -1;
	}
	return ok;
}

/* "…,” said X" / "…,” X said" after the quotation. */
static bool cue_after(const struct ex *x, int k, struct attr *at, bool starts)
{
	const struct piece *P = &x->pc[k];
	int lo = P->tend + 1, hi = sent_hi(x, k, true);
	if (lo <= hi && x->tok[lo].kind == T_PUNCT &&
	    ((unsigned char)x->t[x->tok[lo].s] == 0xe2 || punct_is(x, lo, "-"))) {
		/* "“…” ― Pamela Padilla": a dash, then the name alone. */
		int a = lo;
		while (a <= hi && x->tok[a].kind == T_PUNCT && a < lo + 2)
			a++;
		int b = a <= hi ? np_fwd(x, a, hi) : -1;
		/* ... not "-- Reuters' retail blog" */
		bool alone = b >= 0 && (b == hi || (x->tok[b + 1].kind != T_WORD &&
			     !(x->tok[b + 1].kind == T_MARK && !x->tok[b + 1].lsp &&
			       b + 2 <= hi && x->tok[b + 2].kind == T_WORD)));
		if (alone && np_kind(x, a, b, at, true) &&
		    (at->kind == A_PERSON || at->kind == A_ORG)) {
			if (at->kind == A_ORG && at->na == at->b &&
			    !(x->tok[at->b].flags & F_ORG))
				at->kind = A_PERSON;
			return set_cue(at, -1, -1);
		}
	}
	while (lo <= hi && x->tok[lo].kind == T_PUNCT &&
	       (punct_is(x, lo, ",-") || (unsigned char)x->t[x->tok[lo].s] == 0xe2))
		lo++;
	if (lo > hi)
		return false;
	const struct tok *f = &x->tok[lo];
	bool capnext = f->kind == T_WORD && (f->flags & F_CAP) && !(f->flags & F_PRON);
	/* After "…end.” Capital" a new sentence may start: then only an
	 * attribution right at its start will do ("Murphy, the head of X,
	 * tweeted."). */
	bool strict = P->end_sent && capnext && !P->end_comma;
	/* Verb first. */
	int v = lo;
	while (v <= hi && (x->tok[v].flags & (F_AUX | F_LY)) && !(x->tok[v].flags & F_CAP) &&
	       v < lo + 2 && !(x->tok[v].flags & F_CUE1))
		v++;
	if (v <= hi && (x->tok[v].flags & F_CUE1) && !(x->tok[v].flags & F_CAP)) {
		int b = np_fwd(x, v + 1, hi);
		if (b < 0 || !name_word(&x->tok[b])) {
			/* "said undecided Republican voter Stephanie Hooton" */
			int m = v + 1;
			while (m <= hi && m < v + 6 && x->tok[m].kind == T_WORD &&
			       !(x->tok[m].flags & (F_CAP | F_PREP | F_PRON | F_CUE)))
				m++;
			if (m > v + 1 && m <= hi && name_word(&x->tok[m])) {
				int b2 = np_fwd(x, m, hi);
				if (b2 >= 0 && name_word(&x->tok[b2]))
					b = b2;
			}
		}
		if (b >= 0) {
			bool end_ok = b + 1 > hi || x->tok[b + 1].kind != T_WORD ||
				      (x->tok[b + 1].flags & (F_PREP | F_TIME)) ||
				      weq(x, b + 1, "in") || weq(x, b + 1, "during");
			if (end_ok && np_kind(x, v + 1, b, at, true))
				return set_cue(at, v, -1);
		}
	}
	/* Subject first: the first cue within a dozen words. */
	int words = 0;
	for (v = lo; v <= hi && words < 14; v++) {
		if (x->tok[v].kind == T_WORD)
			words++;
		if (weq(x, v, "according") && weq(x, v + 1, "to"))
			return !strict && according(x, v, hi, at);
		if (!is_cue_at(x, v) || (x->tok[v].flags & F_CAP))
			continue;
		if (subject_of(x, v, lo, at, true) && (!strict || at->a == lo ||
						       (at->a == lo + 1 && (x->tok[lo].flags & F_DET))))
			return set_cue(at, v, weq(x, v, "put") ? v + 1 : -1);
		break;
	}
	/* "…,” Putin, describing …", "…,” Trump barked": after a comma
	 * the words that follow a quotation are its attribution. */
	bool asked = false;
	for (size_t i = P->e; i > P->s && i + 1 > P->e - 1; i--)
		asked = x->t[i - 1] == '?' || x->t[i - 1] == '!';
	if (starts && (P->end_comma || punct_is(x, P->tend + 1, ",") || asked)) {
		int a = lo, b = np_fwd(x, lo, hi);
		if (b < 0 || !(name_word(&x->tok[b]) || (x->tok[b].flags & F_PRON))) {
			/* "…,” an angry Hollande retaliated" */
			int m = lo + ((x->tok[lo].flags & F_DET) ? 1 : 0);
			while (m <= hi && m < lo + 3 && x->tok[m].kind == T_WORD &&
			       !(x->tok[m].flags & (F_CAP | F_PREP | F_PRON | F_CUE)))
				m++;
			if (m > lo && m <= hi && name_word(&x->tok[m])) {
				b = np_fwd(x, m, hi);
				a = m;
			}
		}
		bool verb = b >= 0 && b + 1 <= hi && x->tok[b + 1].kind == T_WORD &&
			    !(x->tok[b + 1].flags & (F_CAP | F_PREP));
		if (asked && !P->end_comma && (!verb || hi - b > 4))
			b = -1;	/* "…?” Hannity pressed." only */
		if (b >= 0 && (b == hi || punct_is(x, b + 1, ",") || verb) &&
		    np_kind(x, a, b, at, verb && !asked) &&
		    (at->kind == A_PERSON || at->kind == A_PRON ||
		     (verb && at->kind == A_ORG))) {
			if (at->kind == A_ORG && at->na == at->b &&
			    !(x->tok[at->b].flags & F_ORG))
				at->kind = A_PERSON;
			return set_cue(at, verb ? b + 1 : -1, -1);
		}
	}
	return false;
}

/* The subject at the start of the sentence [lo, …]. */
static bool sent_subject(const struct ex *x, int lo, int hi, struct attr *at)
{
	/* The first noun phrase, or the first one after an introductory
	 * phrase ("In Salem, New Hampshire, Trump went after Bush"). */
	int start = lo;
	static const char *const INTRO[] = {
		"in", "on", "at", "after", "before", "during", "while", "when",
		"since", "as", "despite", "with", "without", "for", "from", "by",
		"under", "following", "if", "although", "though", "because",
		"unlike", "like", "over", "through", "amid", "throughout",
	};
	char w[16];
	if (lo <= hi && x->tok[lo].kind == T_WORD && x->tok[lo].e - x->tok[lo].s < 12) {
		wcopy(x, &x->tok[lo], w, sizeof w, false);
		if (IN(w, INTRO)) {
			int c = lo;
			while (c <= hi && !punct_is(x, c, ","))
				c++;
			if (c < hi)
				start = c + 1;
		}
	}
	for (int tries = 0; tries < 4 && start <= hi; tries++) {
		int a = start;
		while (a <= hi && (x->tok[a].kind != T_WORD || (x->tok[a].flags & F_STOP) ||
				   x->tok[a].q >= 0) && !(x->tok[a].flags & (F_PRON | F_DET)) &&
		       !punct_is(x, a, ","))
			a++;
		if (a > hi)
			return false;
		int b = a <= hi && x->tok[a].kind == T_WORD ? np_fwd(x, a, hi) : -1;
		if (b >= 0 && credit(x, a, b)) {
			start = b + 2;
			continue;
		}
		struct attr t = *at;
		bool verb_next = b >= 0 && b + 1 <= hi && x->tok[b + 1].kind == T_WORD &&
				 !(x->tok[b + 1].flags & F_CAP);
		if (b >= 0 && np_kind(x, a, b, &t, false) &&
		    (verb_next || tries == 0 || t.kind == A_PRON)) {
			if (verb_next || !punct_is(x, b + 1, ",") || t.kind == A_PRON) {
				*at = t;
				return true;
			}
		}
		/* Skip to the next comma and try again. */
		int c = b >= 0 ? b + 1 : a;
		while (c <= hi && !punct_is(x, c, ","))
			c++;
		start = c + 1;
	}
	return false;
}

/* "X: …" at the head of line L (after its bullet).  With UPTO >= 0 (the
 * opening mark of a quotation on line L), the head must govern it: it
 * names someone the text names in full ("NOYER: On conclusions: “…” ...",
 * a transcript), or at most HEAD_REACH words outside quotations lie
 * between the colon and the mark ("KEY POINTS: The prosecutor indicts ...
 * Following are views from analysts: ... “…”" is not a speaker's line). */
#define HEAD_REACH 20
static bool line_head(const struct ex *x, int l, struct attr *at, bool whole,
		      int upto)
{
	if (l < 0 || l >= x->nln || x->ln[l].tok0 < 0)
		return false;
	const struct line *L = &x->ln[l];
	int a = L->tok0, hi = L->tok1 - 1;
	if (a > hi || x->tok[a].q >= 0)
		return false;
	int b = np_fwd(x, a, hi);
	if (b < 0)
		return false;
	int c = b + 1;
	bool ok = false;
	if (c > hi)
		ok = whole;
	else if (punct_is(x, c, ":"))
		ok = true;
	else if (weq(x, c, "on") || weq(x, c, "in") || weq(x, c, "at") ||
		 punct_is(x, c, "(")) {
		for (int m = c; m <= hi && m < c + 9; m++) {
			if (x->tok[m].q >= 0 || is_cue_at(x, m))
				break;
			if (punct_is(x, m, ":")) {
				ok = true;
				break;
			}
		}
	}
	if (!ok)
		return false;
	struct attr t = *at;
	if (!np_kind(x, a, b, &t, true) || (t.kind != A_PERSON && t.kind != A_ORG))
		return false;
	char w[40];
	wcopy(x, &x->tok[b], w, sizeof w, true);
	int prose = 0;
	for (int m = c + 1; m < upto; m++)
		prose += x->tok[m].q < 0 && x->tok[m].kind == T_WORD;
	if (prose > HEAD_REACH && !known_single(x, w))
		return false;
	/* A head "Tillerson:" names a speaker even when the text never
	 * gives the full name. */
	if (t.kind == A_ORG && t.na == t.b && !(x->tok[b].flags & F_ORG))
		t.kind = A_PERSON;
	*at = t;
	at->colon = c <= hi;
	return true;
}

/* The speaker named by the line of token OPEN (a quotation's opening
 * mark) or the bullets that line sits under. */
static bool outline(const struct ex *x, int open, struct attr *at)
{
	int l = x->tok[open].line;
	if (line_head(x, l, at, false, open))
		return true;
	if (l < 0 || l >= x->nln)
		return false;
	const struct line *L = &x->ln[l];
	if (!L->bullet && L->indent == 0)
		return false;
	int ind = L->indent;
	for (int m = l - 1, seen = 0; m >= 0 && seen < 40; m--) {
		const struct line *M = &x->ln[m];
		if (M->tok0 < 0)
			continue;
		seen++;
		if (M->indent >= ind)
			continue;
		if (line_head(x, m, at, true, -1))
			return true;
		ind = M->indent;
		if (ind == 0 && !M->bullet)
			break;
	}
	return false;
}

/* Resolves a he/she at piece K: the outline speaker, else the nearest
 * person named as a subject before the quotation. */
static const char *resolve_pronoun(const struct ex *x, int k, int from,
				   char **owned)
{
	*owned = NULL;
	int stop_lines = 0;
	/* Per sentence, walking back: the leftmost speaker (a name before a
	 * cue verb, or an earlier quotation's speaker), else the leftmost
	 * name that no preposition governs. */
	const char *sp_cand = NULL, *any_cand = NULL;
	int sp_n = -1, sp_j = -1, any_n = -1, any_j = -1;
	for (int j = from; j >= -1; j--) {
		const struct tok *t = j >= 0 ? &x->tok[j] : NULL;
		bool boundary = !t || t->kind == T_NL ||
				(t->q < 0 && punct_is(x, j, ".!?"));
		if (boundary) {
			if (sp_cand || sp_j >= 0 || any_cand || any_j >= 0)
				break;
			if (t && t->kind == T_NL && ++stop_lines > 4)
				break;
			continue;
		}
		if (t->q >= 0) {
			const struct piece *o = &x->pc[t->q];
			if (t->q < k && j == o->topen && o->at.speaker &&
			    (o->at.kind == A_PERSON || o->at.kind == A_NONE ||
			     o->at.kind == A_PRON)) {
				sp_cand = o->at.speaker;
				sp_j = -1;
			}
			continue;
		}
		if (!name_word(t))
			continue;
		int r = run_start(x, j, 0);
		int n = name_start(x, r, j);
		/* "the Tories", "Save the Children", "the Treasury",
		 * "Arsenal have": a group or a body, not a "he"; "the
		 * 55-year-old Frenchman": a description of one */
		bool group = (n == r && weq(x, r - 1, "the")) ||
			     weq(x, j + 1, "have") || weq(x, j + 1, "are") ||
			     weq(x, j + 1, "were") || the_demonym(x, j);
		if (n > j || group || !person_run(x, n, j, n > r)) {
			j = r;
			continue;
		}
		int v = j + 1;
		while (v < x->ntok && v <= j + 3 && x->tok[v].kind == T_WORD &&
		       (x->tok[v].flags & (F_AUX | F_LY)) && !(x->tok[v].flags & F_CAP))
			v++;
		/* "before Newcastle said …, Bellamy insisted": the main
		 * clause's speaker, not the subordinate one's */
		static const char *const SUBORD[] = {
			"before", "after", "when", "while", "since", "because",
			"although", "though", "until", "unless", "once", "if",
		};
		bool sub = false;
		for (size_t i = 0; i < NELEM(SUBORD); i++)
			sub |= weq(x, r - 1, SUBORD[i]);
		if (is_cue_at(x, v) && !(t->flags & F_POSS) &&
		    !(sub && (sp_j >= 0 || sp_cand))) {
			sp_n = n;
			sp_j = j;
			sp_cand = NULL;
		}
		int p = r - 1;
		while (p >= 0 && x->tok[p].kind == T_WORD &&
		       ((x->tok[p].flags & (F_TITLE | F_ADJ | F_ROLE | F_DET)) ||
			name_word(&x->tok[p])) &&
		       !(x->tok[p].flags & F_PREP))
			p--;
		if (!(p >= 0 && x->tok[p].kind == T_WORD && (x->tok[p].flags & F_PREP) &&
		      !(t->flags & F_POSS))) {
			any_n = n;
			any_j = j;
			any_cand = NULL;
		}
		j = r;
	}
	if (sp_cand)
		return sp_cand;
	int cn = sp_j >= 0 ? sp_n : any_n, cj = sp_j >= 0 ? sp_j : any_j;
	if (cj < 0)
		return any_cand;
	char *nm = tok_copy(x, cn, cj);
	if (!nm)
		return NULL;
	char *c = NULL;
	quoth_speaker_canonical(nm, strlen(nm), &c);
	free(nm);
	*owned = c;
	return c;
}


/* Can the organisation named at token J be what a later "it" stands
 * for?  Not after "a" ("a Reuters poll"), nor as the object of "told",
 * "by", "to" or "of" ("told Reuters", "polled by Reuters", "according to
 * Reuters Estimates", "a unit of Reuters"). */
static bool org_referent(const struct ex *x, int j)
{
	int r = run_start(x, j, 0);
	if (r > 0 && (weq(x, r - 1, "a") || weq(x, r - 1, "an")))
		return false;
	if (r > 0 && (x->tok[r - 1].flags & F_DET))
		r--;
	static const char *const objects[] = { "told", "tells", "telling",
					       "by", "to", "of" };
	for (size_t i = 0; i < NELEM(objects); i++)
		if (weq(x, r - 1, objects[i]))
			return false;
	return true;
}

static const char *resolve_org(const struct ex *x, int from, int *tok)
{
	int lines = 0;
	for (int j = from; j >= 0; j--) {
		const struct tok *t = &x->tok[j];
		if (t->kind == T_NL && ++lines > 3)
			break;
		if (t->q >= 0 || !name_word(t) || !(t->flags & F_ORG))
			continue;
		if (credit(x, j, j) || !org_referent(x, j))
			continue;
		*tok = j;
		return "";
	}
	return NULL;
}

/* Turns AT's tokens into speaker, mention and cue strings. */
/* A person's name in capitals ("CARL LANTZ, ... :") as the name is
 * written elsewhere: "Carl Lantz", "Bill O'Neill", "Jens-Oliver", "St.
 * Louis", "John McCarthy".  Initials ("T.J.") stay as they are; so does a
 * name of one word ("UBS") or with a letter in lower case. */
static void title_case(char *s)
{
	if (!strchr(s, ' '))
		return;
	for (const char *p = s; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			return;
	for (char *w = s; *w;) {
		while (*w == ' ')
			w++;
		char *e = w;
		while (*e && *e != ' ')
			e++;
		const char *dot = memchr(w, '.', (size_t)(e - w));
		bool initials = dot && dot + 1 < e;
		for (char *p = w + 1; !initials && p < e; p++)
			if (*p >= 'A' && *p <= 'Z' && p[-1] != '\'' && p[-1] != '-' &&
			    !(p == w + 2 && w[0] == 'M' && w[1] == 'c' && e - w > 3))
				*p = (char)(*p + 32);
		w = e;
	}
}

static void finish(struct ex *x, int k, struct attr *at, const char *inherit)
{
	if (at->kind == A_NONE && !inherit)
		return;
	if (at->cue0 >= 0) {
		at->cue = tok_copy(x, at->cue0, at->cue1 >= 0 ? at->cue1 : at->cue0);
		if (!at->cue)
			x->oom = true;
	} else if (at->colon) {
		at->cue = strdup(":");
		if (!at->cue)
			x->oom = true;
	}
	if (inherit) {
		at->speaker = strdup(inherit);
		if (!at->speaker)
			x->oom = true;
		return;
	}
	at->mention = tok_copy(x, at->a, at->b);
	if (!at->mention) {
		x->oom = true;
		return;
	}
	/* Strip a possessive from the mention's name copy. */
	char w[40];
	if (at->kind == A_PERSON) {
		char *nm = tok_copy(x, at->na, at->b);
		if (!nm) {
			x->oom = true;
			return;
		}
		int words = 0;
		for (int i = at->na; i <= at->b; i++)
			if (!(x->tok[i].flags & F_PART))
				words++;
		if (words == 1) {
			wcopy(x, &x->tok[at->b], w, sizeof w, true);
			/* "Sir Digby" is Sir Digby Jones */
			bool given = weq(x, at->na - 1, "sir") ||
				     weq(x, at->na - 1, "dame");
			const struct person *p = full_name(x, w, x->tok[at->na].s,
							   given);
			if (p) {
				free(nm);
				nm = strdup(p->name);
				if (!nm) {
					x->oom = true;
					return;
				}
			}
		}
		if (quoth_speaker_canonical(nm, strlen(nm), &at->speaker))
			x->oom = true;
		else
			title_case(at->speaker);
		free(nm);
	} else if (at->kind == A_ORG) {
		if (canonical(x->t + x->tok[at->na].s,
			      x->tok[at->b].e - x->tok[at->na].s, true,
			      &at->speaker))
			x->oom = true;
	} else if (at->kind == A_DESC &&
		   ((at->a > 0 && weq(x, at->a - 1, "the") &&
		     !(x->tok[at->b].flags & F_CAP) &&
		     x->t[x->tok[at->b].e - 1] != 's') ||
		    the_demonym(x, at->b))) {
		/* "the Florida senator": the senator named before, else the
		 * person the text is about, as for "he". */
		char role[64] = "";
		for (size_t i = 0; i < NELEM(UNDER); i++)
			if (at->b > at->a && weq(x, at->b - 1, UNDER[i]))
				strcat(strcpy(role, UNDER[i]), " ");
		size_t rl = strlen(role);
		wcopy(x, &x->tok[at->b], role + rl, sizeof role - rl, true);
		const struct person *p = by_role(x, role, x->tok[at->a].s);
		char *owned = NULL;
		/* "the official", "the source": mostly someone never named */
		static const char *const NAMELESS[] = {
			"official", "source", "insider",
		};
		const char *s = p ? p->name
			      : IN(role, NAMELESS) ? NULL
			      : resolve_pronoun(x, k, x->pc[k].topen - 1, &owned);
		if (s && !p && owned && !strchr(owned, ' ')) {
			const struct person *f = full_name(x, owned, x->tok[x->pc[k].topen].s, false);
			if (f)
				s = f->name;
		}
		/* the deputy mayor named before is not "the mayor" */
		for (int i = 0; s && !p && i < x->nper; i++)
			if (!strcmp(x->per[i].name, s) && strstr(x->per[i].titles, role) &&
			    !has_role(x->per[i].titles, role))
				s = NULL;
		if (s && quoth_speaker_canonical(s, strlen(s), &at->speaker))
			x->oom = true;
		free(owned);
	} else if (at->kind == A_PRON) {
		wcopy(x, &x->tok[at->a], w, sizeof w, false);
		if (!strcmp(w, "he") || !strcmp(w, "she")) {
			struct attr o = { .cue0 = -1, .cue1 = -1 };
			char *owned = NULL;
			const char *s = NULL;
			if (outline(x, x->pc[k].topen, &o) &&
			    o.kind == A_PERSON) {
				finish(x, k, &o, NULL);
				at->speaker = o.speaker;
				o.speaker = NULL;
				free(o.mention);
				free(o.cue);
				return;
			}
			s = resolve_pronoun(x, k, x->pc[k].topen - 1, &owned);
			if (s && !owned) {
				at->speaker = strdup(s);
				if (!at->speaker)
					x->oom = true;
			} else if (owned) {
				/* A bare surname: look for its full name. */
				if (!strchr(owned, ' ')) {
					const struct person *p = full_name(x, owned, x->tok[x->pc[k].topen].s, false);
					if (p) {
						free(owned);
						owned = NULL;
						if (quoth_speaker_canonical(p->name, strlen(p->name), &owned))
							x->oom = true;
					}
				}
				at->speaker = owned;
			}
		} else if (!strcmp(w, "it") || !strcmp(w, "they")) {
			int tk = -1;
			if (resolve_org(x, x->pc[k].topen - 1, &tk)) {
				int r = run_start(x, tk, 0);
				while (r < tk && (x->tok[r].flags & F_STOP))
					r++;
				/* the whole name: "the Bank of Japan" */
				int e = tk;
				while (e + 1 < x->ntok && x->tok[e + 1].q < 0 &&
				       !(x->tok[e].flags & F_POSS) &&
				       !(x->tok[e + 1].flags & F_TITLE) &&
				       (name_word(&x->tok[e + 1]) ||
					(weq(x, e + 1, "of") && e + 2 < x->ntok &&
					 name_word(&x->tok[e + 2]))))
					e += weq(x, e + 1, "of") ? 2 : 1;
				if (quoth_speaker_canonical(x->t + x->tok[r].s,
							    x->tok[e].e - x->tok[r].s,
							    &at->speaker))
					x->oom = true;
			}
		}
	}
}

/* The speaker of a quotation paragraph that stands alone: the subject of
 * the last (else the first) sentence of the paragraph before, when that
 * is a person ("Viguerie is upbeat about Cruz.  ¶ “Not only can …”"). */
static bool prev_para(const struct ex *x, int k, struct attr *at)
{
	const struct piece *P = &x->pc[k];
	int j = P->topen - 1;
	while (j >= 0 && (x->tok[j].kind == T_NL || j < x->ln[x->tok[j].line].tok0))
		j--;
	if (j < 0 || x->tok[j].q >= 0 ||
	    x->tok[P->topen].line - x->tok[j].line > 2)
		return false;
	int p0 = x->ln[x->tok[j].line].tok0;
	int e = punct_is(x, j, ".!?") ? j - 1 : j;
	if (e < p0 || e < 0)
		return false;
	int s = e;
	while (s - 1 >= p0 && !(x->tok[s - 1].q < 0 && punct_is(x, s - 1, ".!?")))
		s--;
	{
		/* "…, dos Santos says. “If the government …”" */
		struct attr t = *at;
		if (cue_before(x, s, e + 1, &t) &&
		    (t.kind == A_PERSON ||
		     (t.kind == A_PRON && (weq(x, t.a, "he") || weq(x, t.a, "she"))))) {
			*at = t;
			at->cue0 = -1;
			return true;
		}
	}
	for (int pass = 0; pass < 2; pass++) {
		int a = pass ? p0 : s;
		if (pass && s == p0)
			break;
		struct attr t = *at;
		if (sent_subject(x, a, e, &t) &&
		    (t.kind == A_PERSON ||
		     (t.kind == A_PRON && (weq(x, t.a, "he") || weq(x, t.a, "she"))))) {
			*at = t;
			at->cue0 = -1;
			return true;
		}
	}
	return false;
}

static bool attributed(const struct piece *p)
{
	return p->at.speaker != NULL;
}

static void attribute(struct ex *x, int k)
{
	struct piece *P = &x->pc[k];
	struct attr *at = &P->at;
	int lo = sent_lo(x, k), hi = sent_hi(x, k, false);
	bool words_before = false;
	for (int j = lo; j < P->topen; j++)
		if (x->tok[j].kind == T_WORD && x->tok[j].q < 0 &&
		    j >= x->ln[x->tok[j].line].tok0)
			words_before = true;
	/* a quotation that ends its sentence ("… a longer term funding
	 * structure.") leaves an "according to" after it to the next one */
	bool ok = according(x, lo, punct_is(x, P->tend - 1, ".!?") ? P->tend : hi,
			    at);
	if (!ok && words_before)
		ok = before_ctx(x, lo, P->topen, at, false);
	if (!ok)
		ok = cue_after(x, k, at, !words_before);
	if (!ok && words_before)
		ok = before_ctx(x, lo, P->topen, at, true);
	int pv = P->topen - 1;
	if (!ok && !words_before) {
		/* A block quotation after "Cruz continued:". */
		int j = pv;
		while (j >= 0 && (x->tok[j].kind == T_NL ||
				  j < x->ln[x->tok[j].line].tok0))
			j--;
		if (j >= 0 && j < pv && x->tok[j].q < 0 && punct_is(x, j, ":")) {
			int plo = j;
			while (plo - 1 >= 0 && x->tok[plo - 1].kind != T_NL &&
			       !(x->tok[plo - 1].q < 0 && punct_is(x, plo - 1, ".!?")))
				plo--;
			ok = before_ctx(x, plo, j + 1, at, true);
		}
	}
	if (!ok && weq(x, pv, "that") && words_before) {
		ok = sent_subject(x, lo, pv, at) &&
		     (at->kind == A_PERSON || at->kind == A_PRON);
		at->cue0 = -1;
	}
	if (!ok && words_before) {
		/* A partial quotation of two words or more inside a sentence
		 * whose subject is a person ("Moore thanked him for “…”"). */
		int words = 0;
		for (int j = P->topen; j <= P->tend; j++)
			words += x->tok[j].kind == T_WORD;
		int caps = 0;
		for (int j = P->topen; j <= P->tend; j++)
			caps += x->tok[j].kind == T_WORD && (x->tok[j].flags & F_CAP);
		if (words >= 2 && caps < words && sent_subject(x, lo, pv, at) &&
		    (at->kind == A_PERSON ||
		     (at->kind == A_ORG && (x->tok[at->b].flags & F_ORG)) ||
		     (at->kind == A_PRON && (weq(x, at->a, "he") || weq(x, at->a, "she"))))) {
			ok = true;
			at->cue0 = -1;
		}
	}
	if (!ok) {
		struct attr o = *at;
		if (outline(x, P->topen, &o)) {
			*at = o;
			ok = true;
		}
	}
	if (!ok)
		at->kind = A_NONE;
	if (!ok && !words_before && P->chain == k) {
		int words = 0;
		for (int j = P->topen; j <= P->tend; j++)
			words += x->tok[j].kind == T_WORD;
		bool after_quote = k > 0 && x->pc[k - 1].at.speaker &&
				   x->tok[P->topen].line - x->tok[x->pc[k - 1].tend].line <= 2;
		if (words >= 4 && !after_quote && prev_para(x, k, at))
			ok = true;
	}
	finish(x, k, at, NULL);
	if (attributed(P))
		return;
	/* Inherit: the same multi-paragraph quotation, or a quotation that
	 * stands alone right after an attributed one. */
	const char *inh = NULL;
	if (P->chain != k && x->pc[P->chain].at.speaker)
		inh = x->pc[P->chain].at.speaker;
	if (!inh && k > 0 && at->kind == A_NONE && !words_before) {
		const struct piece *o = &x->pc[k - 1];
		int words = 0;
		for (int j = P->topen; j <= P->tend; j++)
			words += x->tok[j].kind == T_WORD;
		int gap = x->tok[P->topen].line - x->tok[o->tend].line;
		int terms = 0;
		for (int j = o->tend + 1; j < P->topen; j++)
			if (x->tok[j].q < 0 && punct_is(x, j, ".!?"))
				terms++;
		bool para_start = P->topen == x->ln[x->tok[P->topen].line].tok0;
		if (o->at.speaker && terms <= 1 &&
		    ((gap == 0 && words >= 2) || (para_start && gap <= 2 && words >= 4)))
			inh = o->at.speaker;
	}
	if (inh) {
		char *s = strdup(inh);
		if (!s) {
			x->oom = true;
			return;
		}
		free(at->cue);
		at->cue = NULL;
		at->speaker = s;
	}
}

/* Pieces of one multi-paragraph quotation share the speaker found on any
 * of them. */
static void chains(struct ex *x)
{
	for (int k = 0; k < x->npc && !x->oom; k++) {
		struct piece *P = &x->pc[k];
		if (P->at.speaker)
			continue;
		for (int m = k + 1; m < x->npc; m++) {
			if (x->pc[m].chain != P->chain || !x->pc[m].at.speaker)
				continue;
			P->at.speaker = strdup(x->pc[m].at.speaker);
			if (!P->at.speaker)
				x->oom = true;
			break;
		}
	}
}

/* ---- public ---- */

static void free_ex(struct ex *x)
{
	for (int i = 0; i < x->npc; i++) {
		free(x->pc[i].at.speaker);
		free(x->pc[i].at.mention);
		free(x->pc[i].at.cue);
	}
	for (int i = 0; i < x->nper; i++) {
		free(x->per[i].name);
		free(x->per[i].sur);
		free(x->per[i].titles);
	}
	free(x->per);
	free(x->firm);
	free(x->pc);
	free(x->ln);
	free(x->tok);
	free(x->soft);
}

quoth_status_t quoth_extract(const char *text, size_t len, quoth_quotes_t **out)
{
	struct ex x = { .t = text ? text : "", .n = text ? len : 0 };
	*out = NULL;
	quoth_quotes_t *q = calloc(1, sizeof *q);
	if (!q)
		return QUOTH_ERR_NOMEM;
	pthread_once(&word_table_once, build_word_table);
	x.wt = &word_table;
	soft_breaks(&x);
	if (!x.oom && tokenize(&x) && lines(&x)) {
		name_words(&x);
		collect_firms(&x);
		pair(&x);
		collect_names(&x);
		for (int k = 0; k < x.npc && !x.oom; k++)
			attribute(&x, k);
		chains(&x);
	}
	if (!x.oom && x.npc > 0) {
		q->v = calloc((size_t)x.npc, sizeof *q->v);
		if (!q->v)
			x.oom = true;
	}
	for (int k = 0; k < x.npc && !x.oom; k++) {
		struct piece *P = &x.pc[k];
		quoth_quote_t *o = &q->v[q->n];
		o->start = P->s;
		o->end = P->e;
		o->text = norm_copy(x.t, P->s, P->e);
		if (!o->text) {
			x.oom = true;
			break;
		}
		o->speaker = P->at.speaker;
		/* a speaker of one word the text gives no full name for */
		o->speaker_company = o->speaker && !strchr(o->speaker, ' ') &&
				     names_company(&x, o->speaker);
		o->speaker_mention = P->at.mention;
		o->cue = P->at.cue;
		P->at.speaker = P->at.mention = P->at.cue = NULL;
		q->n++;
	}
	free_ex(&x);
	if (x.oom) {
		quoth_quotes_destroy(q);
		return QUOTH_ERR_NOMEM;
	}
	*out = q;
	return QUOTH_OK;
}

size_t quoth_quotes_count(const quoth_quotes_t *q)
{
	return q ? q->n : 0;
}

const quoth_quote_t *quoth_quotes_get(const quoth_quotes_t *q, size_t i)
{
	return q && i < q->n ? &q->v[i] : NULL;
}

void quoth_quotes_destroy(quoth_quotes_t *q)
{
	if (!q)
		return;
	for (size_t i = 0; i < q->n; i++) {
		free(q->v[i].text);
		free(q->v[i].speaker);
		free(q->v[i].speaker_mention);
		free(q->v[i].cue);
	}
	free(q->v);
	free(q);
}
