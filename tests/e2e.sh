#!/usr/bin/env bash
# e2e.sh QUOTH - end-to-end tests: run the real binary on the fixture corpus
# in tests/corpus (and on corpus/ where the product's own articles are the
# point), and check what it prints and how it exits.  Every index lives in
# a temporary directory; a user's index is never touched.
set -u
Q=$(readlink -f "${1:-build/quoth}")
ROOT=$(cd "$(dirname "$0")/.." && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/quoth-e2e.XXXXXX")
if [ -n "${E2E_KEEP:-}" ]; then echo "e2e: keeping $T" >&2; else trap 'rm -rf "$T"' EXIT; fi
unset QUOTH_INDEX
PY=/usr/bin/python3
pass=0 fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $1" >&2; [ -n "${2:-}" ] && printf '  %s\n' "$2" >&2; }
# expect NAME WANT_RC CMD...: runs CMD, keeps stdout in $out, stderr in $err.
expect() {
	local name=$1 want=$2; shift 2
	out=$("$@" 2>"$T/stderr"); rc=$?; err=$(cat "$T/stderr")
	if [ "$rc" -eq "$want" ]; then ok; else bad "$name: exit $rc, wanted $want" "$err"; fi
}
# has NAME NEEDLE HAYSTACK
has() { case "$3" in *"$2"*) ok ;; *) bad "$1: no '$2' in output" "${3:0:400}" ;; esac; }
hasnt() { case "$3" in *"$2"*) bad "$1: unexpected '$2'" "${3:0:400}" ;; *) ok ;; esac; }
eq() { if [ "$2" == "$3" ]; then ok; else bad "$1: '$2' != '$3'"; fi; }
json() { $PY -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
# speakers_of LABEL DIR EXPR: indexes $T/DIR into $T/DIR/idx, then sets $got
# to the list of EXPR (of s) over `quoth speakers --format=json`.
speakers_of() {
	expect "$1: index" 0 "$Q" index --index "$T/$2/idx" "$T/$2"
	expect "$1: speakers" 0 "$Q" speakers --index "$T/$2/idx" --format=json
	got=$(echo "$out" | json "[$3 for s in d]")
}

cp -r "$ROOT/tests/corpus" "$T/corpus"
C=$T/corpus
I=$T/idx
S() { "$Q" search --index "$I" "$@"; }

# ---- indexing ----
expect "index fixture" 0 "$Q" index --index "$I" "$C"
has "summary line" "added 8, updated 0, removed 0, skipped 0, failed 0" "$out"
expect "re-index" 0 "$Q" index --index "$I" "$C"
has "re-index skips all" "added 0, updated 0, removed 0, skipped 8" "$out"
sleep 0.01; echo "Another line about détente." >> "$C/tillerson-visit.txt"
expect "touched file" 0 "$Q" index --index "$I" "$C"
has "only the touched file is read" "added 0, updated 1, removed 0, skipped 7" "$out"
mv "$C/wire/grain-copy.txt" "$T/grain-copy.txt"
expect "deleted file" 0 "$Q" index --index "$I" "$C"
has "deleted file removed" "removed 1, skipped 7" "$out"
expect "count after delete" 0 S --count 'grain'
eq "deleted article gone" "$out" "1"
mv "$T/grain-copy.txt" "$C/wire/grain-copy.txt"
expect "restored file" 0 "$Q" index --index "$I" "$C"
has "restored file added" "added 1" "$out"
# a line dropped from a JSON Lines file is deleted, the rest kept
cp "$C/feed.jsonl" "$T/feed.orig"
head -2 "$C/feed.jsonl" > "$T/feed2" && mv "$T/feed2" "$C/feed.jsonl"
expect "shrunk jsonl" 0 "$Q" index --index "$I" "$C"
has "dropped line removed" "updated 2, removed 1" "$out"
cp "$T/feed.orig" "$C/feed.jsonl"
expect "rebuild" 0 "$Q" index --index "$I" --rebuild "$C"
has "rebuild adds all" "added 8, updated 0" "$out"
# indexing only a subdirectory does not delete the rest
expect "index subdir" 0 "$Q" index --index "$I" "$C/wire"
has "subdir run removes nothing" "removed 0, skipped 2" "$out"

# an index written by another schema is refused, not mixed; --rebuild
# replaces it
expect "index to age" 0 "$Q" index --index "$T/old" "$C/wire"
xapian-metadata set "$T/old/articles" quoth:schema 1
expect "old schema refused" 3 "$Q" index --index "$T/old" "$C"
has "old schema says why" "index has schema 1, this quoth writes schema 4; rebuild it with quoth index --rebuild" "$err"
expect "old schema still searched" 0 "$Q" search --index "$T/old" --count grain
has "old schema search warns" "has index schema 1, this quoth reads schema 4" "$err"
expect "current schema, no warning" 0 S --count grain
eq "current schema, no warning" "$err" ""
# `make demo` over a scratch index an older quoth wrote: rebuilt, not refused
expect "demo over an old schema" 0 env QUOTH_DEMO_INDEX="$T/old" sh -c 'cd "$1" && sh scripts/demo.sh "$2"' - "$ROOT" "$Q"
has "demo indexes corpus/" "added 5, updated 0" "$out"
xapian-metadata set "$T/old/articles" quoth:schema 1
expect "old schema rebuilt" 0 "$Q" index --index "$T/old" --rebuild "$C"
has "old schema rebuild adds all" "added 8" "$out"

# a parallel build answers exactly as a single-process one
expect "build 1 job" 0 "$Q" index --index "$T/j1" --jobs 1 "$C"
expect "build 3 jobs" 0 "$Q" index --index "$T/j3" --jobs 3 "$C"
has "parallel summary" "added 8, updated 0" "$out"
for q in sanctions 'grain OR trust' '"low level of trust"' 'date:2021'; do
	a=$("$Q" search --index "$T/j1" --facets --format=json "$q")
	b=$("$Q" search --index "$T/j3" --facets --format=json "$q")
	eq "parallel build = single build for $q" "$a" "$b"
done
a=$("$Q" quotes --index "$T/j1" --facets --format=json 'speaker:lavrov OR trust')
b=$("$Q" quotes --index "$T/j3" --facets --format=json 'speaker:lavrov OR trust')
eq "parallel build = single build for quotes" "$a" "$b"
# workers that set their databases aside every article (roll()) lose nothing
expect "build rolling" 0 env QUOTH_ROLL_DOCS=1 "$Q" index --index "$T/jr" --jobs 2 "$C"
has "rolling summary" "added 8, updated 0" "$out"
for q in sanctions 'grain OR trust' '"low level of trust"'; do
	a=$("$Q" search --index "$T/j1" --facets --format=json "$q")
	b=$("$Q" search --index "$T/jr" --facets --format=json "$q")
	eq "rolling build = single build for $q" "$a" "$b"
done
a=$("$Q" stats --index "$T/j1" | tail -n +2)
b=$("$Q" stats --index "$T/jr" | tail -n +2)
eq "rolling build = single build: stats" "$a" "$b"
expect "parallel then incremental" 0 "$Q" index --index "$T/j3" "$C"
has "parallel build records every file" "skipped 8" "$out"

# a speaker named by surname alone gets the full name the other articles
# give it (the most quoted of several), whatever the order the articles
# come in, the number of workers or shards; a later run keeps the names
# an earlier one settled
mkdir -p "$T/spk"
cat > "$T/spk/a.jsonl" <<'EOF2'
{"id":"s1","title":"Door","text":"\"The door remains open,\" Lavrov told reporters in Geneva.","outlet":"Reuters","date":"2017-04-11"}
{"id":"s6","title":"Then","text":"\"That was then,\" Clinton said in an interview on Friday.","outlet":"AP","date":"2017-04-16"}
{"id":"s2","title":"Accept","text":"\"We will not accept this,\" Russian Foreign Minister Sergei Lavrov said on Monday.","outlet":"TASS","date":"2017-04-12"}
{"id":"s3","title":"Ready","text":"\"We are ready,\" Hillary Clinton said on Monday.","outlet":"AP","date":"2017-04-13"}
{"id":"s4","title":"Time","text":"\"It is time,\" Hillary Clinton told voters in Ohio.","outlet":"AP","date":"2017-04-14"}
{"id":"s5","title":"Not","text":"\"I did not,\" Bill Clinton said at a rally.","outlet":"AP","date":"2017-04-15"}
EOF2
tac "$T/spk/a.jsonl" > "$T/spk/reversed.jsonl"
head -2 "$T/spk/a.jsonl" > "$T/spk/first.jsonl"
tail -n +3 "$T/spk/a.jsonl" > "$T/spk/second.jsonl"
expect "surnames: in order" 0 "$Q" index --index "$T/sa" --jobs 1 "$T/spk/a.jsonl"
expect "surnames: speakers" 0 "$Q" speakers --index "$T/sa"
want_speakers=$out
has "surname alone takes the full name" "2 quotations     2 articles  Sergei Lavrov" "$out"
has "the most quoted full name wins" "3 quotations     3 articles  Hillary Clinton" "$out"
has "the other full name stays, counted in the singular" "     1 quotation      1 article   Bill Clinton" "$out"
eq "no speaker left as a surname alone" "$(echo "$out" | grep -c -E '  (Lavrov|Clinton)$')" "0"
expect "surnames: reversed, rolling workers" 0 env QUOTH_ROLL_DOCS=1 "$Q" index --index "$T/sr" --jobs 2 "$T/spk/reversed.jsonl"
expect "surnames: speakers, reversed" 0 "$Q" speakers --index "$T/sr"
eq "speakers do not depend on order or workers" "$out" "$want_speakers"
mkdir -p "$T/spk/files"
n=0; while IFS= read -r line; do n=$((n + 1)); echo "$line" > "$T/spk/files/$n.jsonl"; done < "$T/spk/reversed.jsonl"
expect "surnames: one file each, workers" 0 "$Q" index --index "$T/sf" --jobs 2 "$T/spk/files"
expect "surnames: speakers, one file each" 0 "$Q" speakers --index "$T/sf"
eq "workers' counts add up" "$out" "$want_speakers"
expect "surnames: shards" 0 "$Q" index --index "$T/ss" --shards 3 "$T/spk/reversed.jsonl"
expect "surnames: speakers, shards" 0 "$Q" speakers --index "$T/ss"
eq "speakers do not depend on shards" "$out" "$want_speakers"
expect "resolved quotation" 0 "$Q" quotes --index "$T/sr" --format=json '"door remains open"'
eq "resolved speaker" "$(echo "$out" | json "d['results'][0]['speaker']")" "Sergei Lavrov"
eq "mention kept" "$(echo "$out" | json "d['results'][0]['speaker_mention']")" "Lavrov"
expect "resolved quotation found by first name" 0 "$Q" quotes --index "$T/sr" --count sergei
eq "both Lavrov quotations under his first name" "$out" "2"
expect "resolved article facet" 0 "$Q" search --index "$T/sr" --facets --format=json 'speaker:"Sergei Lavrov"'
eq "article of the surname alone filtered by the full name" "$(echo "$out" | json "sorted(r['id'] for r in d['results'])")" "['s1', 's2']"
eq "speaker facet of the full name" "$(echo "$out" | json "[f for f in d['facets']['speaker'] if f['value'] == 'Sergei Lavrov'][0]['count']")" "2"
# full names first, surnames alone in a later run: the recorded names
expect "surnames: full names first" 0 "$Q" index --index "$T/sl" "$T/spk/second.jsonl"
expect "surnames: alone later" 0 "$Q" index --index "$T/sl" "$T/spk/first.jsonl" "$T/spk/second.jsonl"
expect "surnames: speakers, full names first" 0 "$Q" speakers --index "$T/sl"
eq "a later run uses the recorded names" "$out" "$want_speakers"
# surnames alone first: they stay, the run says so, --rebuild names them
expect "surnames: alone first" 0 "$Q" index --index "$T/si" "$T/spk/first.jsonl"
expect "surnames: bare until the full name comes" 0 "$Q" speakers --index "$T/si"
has "bare surname kept while nothing resolves it" "Lavrov" "$out"
hasnt "no full name yet" "Sergei" "$out"
expect "surnames: full names later" 0 "$Q" index --index "$T/si" "$T/spk/first.jsonl" "$T/spk/second.jsonl"
has "earlier quotations left by surname said" "2 quotations of earlier runs name by surname alone" "$err"
expect "surnames: nothing new to say" 0 "$Q" index --index "$T/si" "$T/spk/first.jsonl" "$T/spk/second.jsonl"
eq "said once" "$err" ""
expect "surnames: rebuilt" 0 "$Q" index --index "$T/si" --rebuild "$T/spk/first.jsonl" "$T/spk/second.jsonl"
expect "surnames: speakers, rebuilt" 0 "$Q" speakers --index "$T/si"
eq "--rebuild names them in full" "$out" "$want_speakers"
# "Ford" in an article about Ford Motor Co stays the company, in a fresh
# parallel build, which does not call it a quotation of an earlier run
mkdir -p "$T/co"
printf '"We build," Bill Ford said. "We sell," Bill Ford said.\n' > "$T/co/a.txt"
printf '"We wait," Ford said.\n' > "$T/co/b.txt"
printf 'Ford Motor Co cut jobs. "We cut," Ford said.\n' > "$T/co/c.txt"
expect "company: parallel build" 0 "$Q" index --jobs 2 --index "$T/coi" "$T/co"
hasnt "company: no earlier runs" "earlier runs" "$err"
expect "company: the speaker stays the company" 0 "$Q" quotes --index "$T/coi" --format=tsv cut
has "company: Ford" "$(printf '1\tFord\tWe cut,')" "$out"
expect "company: elsewhere the surname binds" 0 "$Q" quotes --index "$T/coi" --format=tsv wait
has "company: Bill Ford" "$(printf 'Bill Ford\tWe wait,')" "$out"

# ---- searching: analysis rules ----
expect "phrase straight" 0 S -l '"low level of trust"'
straight=$out
expect "phrase curly" 0 S -l '“low level of trust”'
eq "curly = straight quotes" "$out" "$straight"
has "phrase finds lavrov" "lavrov-detente.txt" "$out"
has "phrase finds tillerson" "tillerson-visit.txt" "$out"
expect "phrase precision" 1 S -l '"low level of sanctions"'
expect "detente folds" 0 S -l detente
has "detente finds détente" "lavrov-detente.txt" "$out"
expect "possessive" 0 S -l "Assad's"
has "Assad's finds Assad’s" "lavrov-detente.txt" "$out"
has "Assad's finds Assad's" "tillerson-visit.txt" "$out"
expect "stemming" 0 S --count sanction
eq "sanction finds sanctions (3 articles)" "$out" "3"
# A word that is its own stem has no stem term of its own (schema.h): every
# form finds every other, in the text and in titles, and a document with
# more of them ranks first.
mkdir -p "$T/stems"
printf 'Title: Bank notes\n\nThe bank said so.\n' > "$T/stems/one.txt"
printf 'Title: Banks merge\n\nTwo banks and a banking group; the bank of banks.\n' > "$T/stems/two.txt"
"$Q" index --index "$T/sidx" "$T/stems" >/dev/null 2>&1
for w in bank banks banking; do
	expect "stem forms $w" 0 "$Q" search --index "$T/sidx" --count "$w"
	eq "$w finds bank and banks" "$out" "2"
	expect "title stem forms $w" 0 "$Q" search --index "$T/sidx" --count "title:$w"
	eq "title:$w finds Bank and Banks" "$out" "2"
done
expect "stem forms rank" 0 "$Q" search --index "$T/sidx" -l bank
eq "more forms rank first" "$(echo "$out" | head -1)" "$T/stems/two.txt"
# letters joined by a dot are found by their parts and whole
mkdir -p "$T/dots"
printf 'Title: Listing\n\nHu was quoted by Chinanews.com; Mail.Ru ( MAILRq.L ) rose 3.5 percent.\n' > "$T/dots/one.txt"
printf 'Title: Other\n\nMail and com are words; so is ru.\n' > "$T/dots/two.txt"
"$Q" index --index "$T/didx" "$T/dots" >/dev/null 2>&1
for w in chinanews Chinanews.com chinanewscom mailrq MAILRq.L mail.ru 3.5; do
	expect "dotted part $w" 0 "$Q" search --index "$T/didx" -l "$w"
	eq "$w finds the dotted word" "$out" "$T/dots/one.txt"
done
printf 'Plain headline on ticker rules\n\nPlain headline on ticker rules\nThe body of the ticker story.\n' > "$T/dots/three.txt"
"$Q" index --index "$T/didx" "$T/dots" >/dev/null 2>&1
expect "snippet after title" 0 "$Q" search --index "$T/didx" --format=json ticker
has "snippet skips the title lines" '"snippet":"The body of the ticker story."' "$out"
expect "dotted parts as words" 0 "$Q" search --index "$T/didx" --count mail ru
eq "mail ru finds both" "$out" "2"
expect "dotted snippet" 0 "$Q" search --index "$T/didx" --color=always chinanews
has "dotted part highlighted" "$(printf '\033[1;31mChinanews\033[0m')" "$out"
expect "hyphen joined" 0 S -l maralago
has "maralago finds Mar-a-Lago" "sanctions-brief.md" "$out"
expect "hyphen phrase" 0 S -l 'Mar-a-Lago'
has "Mar-a-Lago finds itself" "sanctions-brief.md" "$out"
expect "minsk-2" 0 S -l 'Minsk-2'
has "Minsk-2 found" "sanctions-brief.md" "$out"
expect "U.S. = US" 0 S -l 'US'
has "US finds U.S." "lavrov-detente.txt" "$out"
expect "us pronoun" 0 S -l 'us'
hasnt "us does not find U.S." "lavrov-detente.txt" "$out"
has "us finds us" "tillerson-visit.txt" "$out"

# ---- query language ----
expect "implicit AND" 0 S --count sanctions banks
eq "AND count" "$out" "2"
expect "--any" 0 S --count --any grain trust
eq "OR count (counts articles, wire copy too)" "$out" "4"
expect "OR" 0 S --count 'grain OR trust'
eq "explicit OR = --any" "$out" "4"

# --any: two query words side by side rank an article above one that has
# them apart, all else equal (the window's rescore), whichever id comes
# first; the AND query leaves them tied; a page past the first keeps the
# new order
mkdir -p "$T/near"
printf 'Title: Notes\n\nThe heat rose and the transfer of staff followed.\n' > "$T/near/a-apart.txt"
printf 'Title: Notes\n\nThe staff rose and the heat transfer of followed.\n' > "$T/near/b-adjacent.txt"
expect "near: index" 0 "$Q" index --index "$T/near/idx" "$T/near"
expect "near: --any" 0 "$Q" search --index "$T/near/idx" --any -l heat transfer
eq "near: adjacent words first" "$(echo "$out" | sed 's|.*/||' | tr '\n' ' ')" "b-adjacent.txt a-apart.txt "
expect "near: AND" 0 "$Q" search --index "$T/near/idx" --format=json heat transfer
eq "near: AND ties" "$(echo "$out" | json 'int(d["results"][0]["score"] == d["results"][1]["score"])')" "1"
expect "near: page 2" 0 "$Q" search --index "$T/near/idx" --any -l --offset 1 heat transfer
eq "near: page 2 follows the new order" "$(echo "$out" | sed 's|.*/||')" "a-apart.txt"
expect "near: scores" 0 "$Q" search --index "$T/near/idx" --any --format=json heat transfer
eq "near: the adjacent one scores more" "$(echo "$out" | json 'int(d["results"][0]["score"] > d["results"][1]["score"])')" "1"
# An OR of phrases under an AND weighs each article by the phrases it
# holds.  Xapian 1.4.22 alone gave n2 (which holds "cedar dune" only) the
# weight of "amber birch" from n1, where both words are but apart: which
# article it hit depended on the docid order, so these six (one writer,
# files in name order) are the smallest case found that shows it.
mkdir -p "$T/orp"
i=0
for words in 'birch amber fern xenon elm' 'birch elm cedar dune xenon fern' \
	'amber birch elm fern' 'fern amber birch' 'fern elm amber' 'birch fern amber'; do
	i=$((i + 1))
	printf 'Title: t\n\n%s.\n' "$words" > "$T/orp/n$i.txt"
done
expect "OR of phrases: index" 0 "$Q" index --index "$T/orp/idx" --jobs 1 "$T/orp"
expect "OR of phrases" 0 "$Q" search --index "$T/orp/idx" --format=json \
	'xenon ("amber birch" OR "cedar dune" OR "elm fern")'
scores='[(r["path"].split("/")[-1], r["score"]) for r in d["results"]]'
orp=$(echo "$out" | json "$scores")
expect "OR of phrases: the one held" 0 "$Q" search --index "$T/orp/idx" \
	--format=json 'xenon "cedar dune"'
eq "OR of phrases: weighed by the phrase held" "$orp" "$(echo "$out" | json "$scores")"
# Titles in British style are no part of a speaker's name: one Boris
# Johnson in both articles, a peer by his name, letters after a name gone.
mkdir -p "$T/brit"
printf 'Title: Plans attacked\n\nTory MP Boris Johnson attacked the plans on Monday.\n\n"This is a disgrace," he said.\n\nLord Nicholls of Birkenhead said: "Detention without charge is wrong."\n' > "$T/brit/a.txt"
printf 'Title: Plans defended\n\nBoris Johnson, the MP for Henley, spoke again.\n\n"It is still a disgrace," Mr Johnson said.\n\n"It was right," said Paul Boateng MP.\n' > "$T/brit/b.txt"
speakers_of "British titles" brit '(s["value"], s["articles"], s["quotations"])'
eq "British titles: names" "$got" \
	"[('Boris Johnson', 2, 2), ('Nicholls', 1, 1), ('Paul Boateng', 1, 1)]"
# an article of no known outlet or date: the quotation says so, no "?"
expect "British titles: quotes" 0 "$Q" quotes --index "$T/brit/idx" --color=never '"still a disgrace"'
has "quotes: no outlet, no date" "disgrace,” — Boris Johnson (undated)" "$out"
expect "British titles: search" 0 "$Q" search --index "$T/brit/idx" --color=never disgrace
has "search: no outlet column" "  2. undated     Plans attacked" "$out"
# Bodies as speakers: a spokesman speaks for his body, a firm with "&" is
# one name, and "Bank said" after "analyst David Bank" is the analyst.
mkdir -p "$T/bodies"
printf 'Title: Rates\n\nA Bank of England spokesman said: "Rates hold."\n\n"Sales rose," said Barnes & Noble.\n\nAnalyst David Bank spoke on Monday. "It is a concern," Bank said.\n' > "$T/bodies/c.txt"
speakers_of bodies bodies 's["value"]'
eq "bodies: names" "$got" \
	"['Bank of England', 'Barnes & Noble', 'David Bank']"
expect "bodies: speaker filter" 0 "$Q" quotes --index "$T/bodies/idx" --color=never 'speaker:"barnes & noble"'
has "bodies: firm's quotation" "“Sales rose,” — Barnes & Noble" "$out"
# Wire copy wrapped at a fixed width, paragraphs indented: a cue on the
# line after the quotation still names its speaker, and a title's seat
# ("Chancellor of the Exchequer") is no part of the name.
mkdir -p "$T/wrapped"
printf '%s\n' 'Title: Cable talks' '' \
	'    Channeling the foreign firms into a single merged competitor' \
	'would most probably dilute the British share in the market,' \
	'industry analysts in Tokyo said on Tuesday after the talks.' \
	'    "Eventually the ministry will get what it wants -- one' \
	'combined competitor," Bache Securities (Japan) Ltd analyst' \
	'Darrell Whitten said.' \
	'    British Chancellor of the Exchequer Nigel Lawson told the' \
	'House of Commons on Tuesday that London would not give in and' \
	'said, "We shall not accept any result that shuts us out."' \
	'    Lawson added that he had raised the matter with the Japanese' \
	'ambassador in London twice in the past month, officials said.' > "$T/wrapped/w.txt"
speakers_of wrapped wrapped 's["value"]'
eq "wrapped: names" "$got" \
	"['Darrell Whitten', 'Nigel Lawson']"
expect "wrapped: speaker filter" 0 "$Q" quotes --index "$T/wrapped/idx" --color=never 'speaker:whitten'
has "wrapped: quotation on one line" "“Eventually the ministry will get what it wants -- one combined competitor,” — Darrell Whitten" "$out"
expect "NOT" 0 S --count 'sanctions -banks'
eq "minus excludes" "$out" "1"
expect "NOT word" 0 S --count 'sanctions NOT banks'
eq "NOT excludes" "$out" "1"
expect "parens" 0 S --count '(grain OR oil) AND prices'
eq "parens count" "$out" "1"
expect "prefix" 0 S --count 'sanction*'
eq "prefix count" "$out" "3"
expect "NEAR" 0 S --count 'level NEAR/2 trust'
eq "NEAR within" "$out" "2"
expect "NEAR too far" 1 S --count 'grain NEAR/1 halt'
# NEAR with a phrase or a hyphenated word: the phrase must match and all its
# words be in the window.  Positions: talks 0, at 1, mar 2, a 3, lago 4,
# with 5, al 6, assad 7, began 8.
mkdir -p "$T/near"
printf 'Title: x\n\nTalks at Mar-a-Lago with al-Assad began.\n' > "$T/near/one.txt"
"$Q" index --index "$T/nidx" "$T/near" >/dev/null 2>&1
for q in 'al-Assad NEAR/6 talks:1' 'al-Assad NEAR/5 talks:0' 'talks NEAR/3 Mar-a-Lago:1' \
	'began NEAR/2 "with al":1' 'began NEAR/1 "with al":0' '"at mar" NEAR/1 talks:1' \
	'"mar at" NEAR/5 talks:0'; do
	want=${q##*:}
	expect "NEAR phrase: ${q%:*}" $((want == 0)) "$Q" search --index "$T/nidx" --count "${q%:*}"
	eq "NEAR phrase count: ${q%:*}" "$out" "$want"
done
expect "outlet filter" 0 S -l 'outlet:"Daily Planet"'
has "outlet by name" "lavrov-detente.txt" "$out"
expect "outlet slug" 0 S --count 'outlet:daily-planet'
eq "outlet by slug" "$out" "1"
expect "author filter" 0 S --count 'author:kent'
eq "author by surname" "$out" "1"
expect "title filter" 0 S --count 'title:grain'
eq "title filter" "$out" "2"
expect "date day" 0 S --count 'date:2021-03-04'
eq "date day" "$out" "1"
expect "date month" 0 S --count 'date:2021-03'
eq "date month" "$out" "4"
expect "date range" 0 S --count 'date:2021-03-01..2021-03-05'
eq "date range" "$out" "2"
expect "date open" 0 S --count 'date:..2021-02-28'
eq "date open range" "$out" "2"
# Closed ranges become year, month and day terms: ends inside months,
# whole months, whole years, and a range too long for terms (a value range).
expect "date days+months" 0 S --count 'date:2020-12-15..2021-03-04'
eq "date days+months" "$out" "3"
expect "date month ends" 0 S --count 'date:2021-01-12..2021-03-22'
eq "date month ends" "$out" "4"
expect "date whole Feb" 0 S --count 'date:2021-02-01..2021-02-28'
eq "date whole Feb" "$out" "1"
expect "date years" 0 S --count 'date:2019-06-10..2022-02-01'
eq "date years" "$out" "8"
expect "date long range" 0 S --count 'date:1900-01-02..2021-03-04'
eq "date long range" "$out" "3"
expect "date open end" 0 S --count 'date:2021-03-05..'
eq "date open end" "$out" "5"
expect "date open start, mid-month" 0 S --count 'date:..2021-03-20'
eq "date open start, mid-month" "$out" "5"
expect "date open end, past the newest" 1 S --count 'date:2022..'
expect "sort date" 0 S -l --sort=date 'date:2021-01-01..2021-12-31'
first=$(echo "$out" | head -1)
has "oldest first" "feed.jsonl:1" "$first"
expect "sort -date" 0 S -l --sort=-date 'date:2021-01-01..2021-12-31'
first=$(echo "$out" | head -1)
has "newest first" "grain" "$first"
expect "limit/offset" 0 S -l --sort=date --limit 1 --offset 1 'date:2021-01-01..2021-12-31'
has "offset skips one" "feed.jsonl:2" "$out"

# ---- errors and exit codes ----
expect "no match" 1 S zzqqxxnotaword
expect "unclosed quote" 2 S '"unclosed phrase'
has "error points at column" "query:1:1:" "$err"
expect "unbalanced paren" 2 S 'grain )'
has "paren column" "query:1:" "$err"
expect "missing index" 3 "$Q" search --index "$T/none" grain
has "missing index named" "$T/none" "$err"
expect "unknown option" 2 S --bogus grain
expect "no query" 2 S
expect "unknown command" 2 "$Q" frobnicate

# ---- output formats ----
expect "json" 0 S --format=json sanctions
eq "json total" "$(echo "$out" | json 'd["total"]')" "3"
eq "json keys" "$(echo "$out" | json 'sorted(set(["rank","id","path","url","title","outlet","date","author","score","snippet"]) - set(d["results"][0]))')" "[]"
expect "args joined" 0 S --format=json Lavrov Tillerson
a=$out
expect "one string" 0 S --format=json 'Lavrov Tillerson'
eq "separate args = one string" "$a" "$out"
expect "tsv" 0 S --format=tsv sanctions
eq "tsv rows" "$(echo "$out" | wc -l)" "4"
eq "tsv equal columns" "$(echo "$out" | awk -F'\t' '{print NF}' | sort -u | wc -l)" "1"
expect "color always" 0 S --color=always sanctions
has "ANSI highlight" $'\x1b[1;31m' "$out"
expect "color never" 0 S --color=never sanctions
hasnt "no ANSI" $'\x1b[' "$out"
has "N of M header" "3 of 3 articles" "$out"
has "stemmed match highlighted" $'\x1b[1;31mSanctioning' "$(S --color=always sanction)"
expect "wire copies collapse" 0 S grain
has "one result for two articles" "1 of 2 articles" "$out"
has "other outlet listed" "also in:" "$out"
expect "copies stay collapsed on the next page" 0 S -l --offset 1 grain
eq "no second copy" "$out" ""
expect "did you mean" 1 S sanctoins
has "suggestion" "did you mean: sanctions" "$out"
# Totals up to 1000 are counted, not estimated: 40 of 400 articles come
# from one outlet on one day, and Xapian's estimate for the two filters
# together takes them as independent (4).
mkdir -p "$T/tot"
for i in $(seq 0 399); do
	if [ $((i % 10)) -eq 0 ]; then o=Gazette d=2020-05-01; else o=Courier d=2019-05-01; fi
	printf '{"title":"Harbour %d","text":"Pilot boats and harbour news %d.","outlet":"%s","date":"%s"}\n' "$i" "$i" "$o" "$d"
done > "$T/tot/a.jsonl"
expect "index 400 articles" 0 "$Q" index --index "$T/totidx" "$T/tot"
expect "counted total" 0 "$Q" search --index "$T/totidx" --limit 1 'outlet:gazette date:2020'
has "exact total, not an estimate" "1 of 40 articles" "$out"
expect "counted total json" 0 "$Q" search --index "$T/totidx" --limit 1 --format=json 'outlet:gazette date:2020'
eq "json total counted" "$(echo "$out" | json '(d["total"], d["exact"])')" "(40, True)"

# ---- facets ----
expect "facets json" 0 S --facets --format=json 'date:2021-01-01..2021-12-31'
facets=$out
for o in "Daily Planet" "Evening Ledger" "Market Watchers"; do
	n=$(echo "$facets" | json "[f['count'] for f in d['facets']['outlet'] if f['value']=='$o'][0]")
	expect "outlet count $o" 0 S --count "date:2021-01-01..2021-12-31 outlet:\"$o\""
	eq "facet $o = filtered count" "$n" "$out"
done
eq "date facet by month over >31 days" "$(echo "$facets" | json "sorted(f['value'] for f in d['facets']['date'])[0]")" "2021-01"
expect "facets by day" 0 S --facets --format=json 'date:2021-03'
eq "date facet by day" "$(echo "$out" | json "sorted(f['value'] for f in d['facets']['date'])[0]")" "2021-03-04"
expect "facets speaker" 0 S --facets --format=json 'date:2021-01-01..2021-12-31'
facets=$out
nspeakers=$(echo "$facets" | json "len(d['facets']['speaker'])")
[ "$nspeakers" -ge 4 ] && ok || bad "speaker facet has the fixture's speakers ($nspeakers)"
for s in $(echo "$facets" | json "' '.join(f['value'].replace(' ','_') for f in d['facets']['speaker'])"); do
	name=${s//_/ }
	n=$(echo "$facets" | json "[f['count'] for f in d['facets']['speaker'] if f['value']=='$name'][0]")
	expect "speaker count $name" 0 S --count "date:2021-01-01..2021-12-31 speaker:\"$name\""
	eq "speaker facet $name = filtered count" "$n" "$out"
done

# ---- quotations ----
expect "quotes" 0 "$Q" quotes --index "$I" --format=json detente
eq "detente quotation speaker" "$(echo "$out" | json 'd["results"][0]["speaker"]')" "Sergei Lavrov"
expect "quotes speaker" 0 "$Q" quotes --index "$I" --count 'speaker:lavrov'
[ "$out" -ge 1 ] && ok || bad "speaker:lavrov has quotations"
expect "quotes text" 0 "$Q" quotes --index "$I" '"low level of trust"'
has "quote attributed" "Rex Tillerson" "$out"
expect "quotes date range" 0 "$Q" quotes --index "$I" --format=tsv 'date:2021-02-15..2021-03-04'
eq "quotes date range" "$(echo "$out" | tail -n +2 | cut -f4 | sort -u)" "2021-03-04"
expect "speakers" 0 "$Q" speakers --index "$I"
has "speakers lists Lavrov" "Sergei Lavrov" "$out"
expect "outlets" 0 "$Q" outlets --index "$I"
has "outlets lists" "Market Watchers" "$out"
expect "show" 0 "$Q" show --index "$I" "$C/lavrov-detente.txt"
has "show title" "Lavrov rules out" "$out"
has "show quotation" "We will not accept" "$out"
expect "show missing" 1 "$Q" show --index "$I" nosuchid
expect "stats" 0 "$Q" stats --index "$I" --format=json
eq "stats articles" "$(echo "$out" | json 'd["articles"]')" "8"

# extract: offsets are byte offsets into the file
expect "extract" 0 "$Q" extract "$C/lavrov-detente.txt" "$C/tillerson-visit.txt"
bad_rows=$(echo "$out" | $PY -c '
import json, sys
n = 0
for l in sys.stdin:
    r = json.loads(l)
    seg = open(r["file"], "rb").read()[r["start"]:r["end"]].decode()
    if " ".join(seg.split()) != " ".join(r["text"].split()): n += 1
print(n)')
eq "extract offsets" "$bad_rows" "0"
# a directory: the files index would read under it, in name order
expect "extract dir" 0 "$Q" extract "$C"
dir_out=$out
files=$(cd "$C" && find . -name '*.txt' -o -name '*.md' -o -name '*.jsonl' | sed 's|^\./||' | LC_ALL=C sort | sed "s|^|$C/|")
expect "extract files" 0 "$Q" extract $files
eq "extract dir = its files" "$dir_out" "$out"
has "extract dir: an article under it" "lavrov-detente.txt" "$dir_out"
expect "extract missing" 1 "$Q" extract "$C/lavrov-detente.txt" "$T/nosuch"
has "extract missing: named" "nosuch: No such file or directory" "$err"
has "extract missing: the rest printed" "lavrov-detente.txt" "$out"

# ---- bad input: one message each, good articles indexed, exit 1 ----
B=$T/bad; mkdir -p "$B"
printf 'Title: Fine\n\nA perfectly fine article about lighthouses.\n' > "$B/good.txt"
printf '\x00\x01\x02binary\x00' > "$B/binary.txt"
: > "$B/empty.txt"
printf 'Title: Caf\xe9 society\n\nLatin-1 text about a caf\xe9 and lighthouses.\n' > "$B/latin1.txt"
printf 'Title: Bad header\nNonsense header line\n\nBody about lighthouses.\n' > "$B/header.txt"
printf 'Title: Bad date\nDate: 2017-02-30\n\nBody about lighthouses.\n' > "$B/date.txt"
printf '{"title":"ok","text":"lighthouses galore"}\n{"title": broken\n{"title":"ok2","text":"more lighthouses"}\n' > "$B/feed.jsonl"
expect "bad input" 1 "$Q" index --index "$T/bidx" "$B"
has "binary named" "binary.txt: binary" "$err"
has "empty named" "empty.txt: empty" "$err"
has "latin1 warned" "latin1.txt" "$err"
has "broken json line named" "feed.jsonl:2:" "$err"
has "bad date warned" "date.txt" "$err"
has "bad header warned" "header.txt:2" "$err"
expect "good input still indexed" 0 "$Q" search --index "$T/bidx" --count lighthouses
eq "five good articles" "$out" "6"
# a JSON Lines file long enough to be split between workers: every good
# line indexed once, the broken one reported once
for i in $(seq 1 60); do
	if [ "$i" = 37 ]; then echo '{"title": broken'
	else printf '{"title":"item %d","text":"lantern number %d"}\n' "$i" "$i"; fi
done > "$T/long.jsonl"
expect "split jsonl" 1 "$Q" index --index "$T/lidx" --jobs 3 "$T/long.jsonl"
has "split jsonl counts" "added 59, updated 0, removed 0, skipped 0, failed 1" "$out"
eq "broken line reported once" "$(grep -c 'long.jsonl:37:' <<<"$err")" "1"
# workers share stderr: their messages come out as whole lines
mkdir -p "$T/many"
for i in $(seq 1 150); do
	printf '\x00binary %d\x00' "$i" > "$T/many/b$i.txt"
	: > "$T/many/e$i.txt"
done
expect "many bad files" 1 "$Q" index --index "$T/midx" --jobs 2 "$T/many"
eq "one whole line per bad file" \
	"$(grep -cE '^quoth: [^ ]*/many/(b[0-9]+\.txt: binary file|e[0-9]+\.txt: empty file)$' <<<"$err")" "300"
for j in 1 2 3; do
	expect "missing path, --jobs $j" 1 "$Q" index --index "$T/nidx$j" --jobs "$j" "$T/no-such-file.txt" "$T/long.jsonl"
	eq "missing path reported once, --jobs $j" "$(grep -c 'no-such-file.txt: No such file' <<<"$err")" "1"
done
expect "every good line once" 0 "$Q" search --index "$T/lidx" --count lantern
eq "59 lanterns" "$out" "59"
chmod 000 "$B/good.txt"
if [ "$(id -u)" -ne 0 ]; then
	expect "unreadable" 1 "$Q" index --index "$T/bidx" "$B"
	has "unreadable named" "good.txt" "$err"
fi
chmod 644 "$B/good.txt"

# ---- a second writer is refused ----
$PY - "$I" <<'PYEOF' &
import sys, time, xapian
db = xapian.WritableDatabase(sys.argv[1] + "/articles", xapian.DB_OPEN)
open(sys.argv[1] + "/.held", "w").close()
time.sleep(5)
PYEOF
holder=$!
for _ in $(seq 50); do [ -e "$I/.held" ] && break; sleep 0.1; done
expect "locked" 3 "$Q" index --index "$I" "$C"
has "locked message" "locked" "$err"
kill $holder 2>/dev/null; wait $holder 2>/dev/null
rm -f "$I/.held"

# ---- a killed run: the next one completes the index ----
$PY - "$T/big.jsonl" <<'PYEOF'
import json, sys
with open(sys.argv[1], "w") as f:
    for i in range(40000):
        f.write(json.dumps({"id": "b%d" % i, "title": "Story %d" % i,
            "text": "Harbour cranes number %d moved containers today. " % i * 8,
            "date": "2020-01-%02d" % (i % 28 + 1), "outlet": "Port News"}) + "\n")
PYEOF
"$Q" index --index "$T/kidx" "$T/big.jsonl" >/dev/null 2>&1 &
victim=$!
sleep 1; kill -9 $victim 2>/dev/null; wait $victim 2>/dev/null
expect "after kill, index opens" 0 "$Q" index --index "$T/kidx" "$T/big.jsonl"
expect "after kill, all there" 0 "$Q" search --index "$T/kidx" --count cranes
eq "40000 articles" "$out" "40000"

# ---- the product corpus ----
expect "corpus phrase" 0 "$Q" index --index "$T/cidx" "$ROOT/corpus"
want=$(grep -rlE 'low level of trust' "$ROOT/corpus" | sort)
expect "corpus low level of trust" 0 "$Q" search --index "$T/cidx" -l --limit 100 '"low level of trust"'
got=$(echo "$out" | while read -r p; do readlink -f "$p"; done | sort)
eq "phrase = grep" "$got" "$(echo "$want" | while read -r p; do readlink -f "$p"; done | sort)"

# ---- shards: local and remote answer as one index ----
# ranks, ids, totals and facets equal; scores too, to the printed digits
same() { # NAME INDEX... -- compares against $T/one for a set of queries
	local name=$1; shift
	for q in sanctions 'grain OR trust' '"low level of trust"' 'date:2021' 'date:2021-03-05..' 'speaker:lavrov OR oil' \
		'trust ("low level" OR "chemical weapons" OR "grain exports")'; do
		for cmd in search quotes; do
			a=$("$Q" $cmd --index "$T/one" --facets --format=json --limit 20 "$q")
			b=$("$Q" $cmd "$@" --facets --format=json --limit 20 "$q")
			eq "$name: $cmd $q" "$(echo "$b" | json "[(r['rank'], r['id'], r['score']) for r in d['results']], d['total'], d['facets']")" \
				"$(echo "$a" | json "[(r['rank'], r['id'], r['score']) for r in d['results']], d['total'], d['facets']")"
		done
	done
	# --any rescores its top results with a second search
	a=$("$Q" search --index "$T/one" --any --format=json low level of trust sanctions)
	b=$("$Q" search "$@" --any --format=json low level of trust sanctions)
	eq "$name: search --any" "$(echo "$b" | json "[(r['rank'], r['id'], r['score']) for r in d['results']]")" \
		"$(echo "$a" | json "[(r['rank'], r['id'], r['score']) for r in d['results']]")"
}
expect "one index" 0 "$Q" index --index "$T/one" --jobs 1 "$C"
expect "two shards" 0 "$Q" index --index "$T/two" --shards 2 "$C"
has "sharded summary" "added 8, updated 0" "$out"
[ -d "$T/two/shard-1/articles" ] && ok || bad "shard folders written"
same "2 local shards" --index "$T/two"
expect "sharded re-index" 0 "$Q" index --index "$T/two" "$C"
has "sharded re-index skips all" "added 0, updated 0, removed 0, skipped 8" "$out"
expect "sharded count change refused" 2 "$Q" index --index "$T/two" --shards 3 "$C"
expect "two indexes as one" 0 "$Q" index --index "$T/wire-only" --jobs 1 "$C/wire"
printf 'auto two/shard-0\nauto two/shard-1\n' > "$T/list"
same "shard list of local shards" --index "$T/list"

# remote: each shard served by quoth serve-shard (xapian-tcpsrv)
free_port() { $PY -c '
import socket, random
while True:
    p = random.randint(20000, 60000)
    try:
        for q in (p, p + 1):
            s = socket.socket(); s.bind(("127.0.0.1", q)); s.close()
        print(p); break
    except OSError: pass'; }
servers=""
stop_servers() { for p in $servers; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done; servers=""; }
trap 'stop_servers; [ -n "${E2E_KEEP:-}" ] || rm -rf "$T"' EXIT
: > "$T/remote"
ports=""
for k in 0 1; do
	port=$(free_port)
	"$Q" serve-shard --index "$T/two/shard-$k" --port "$port" --host 127.0.0.1 2>/dev/null &
	servers="$servers $!"
	ports="$ports $port"
	echo "remote 127.0.0.1:$port" >> "$T/remote"
done
for _ in $(seq 50); do
	"$Q" stats --index "$T/remote" >/dev/null 2>&1 && break; sleep 0.1
done
same "2 remote shards" --index "$T/remote"
expect "remote show" 0 "$Q" show --index "$T/remote" feed-1
has "show over remote shards" "Oil prices climb" "$out"
set -- $ports
first=$1 last=$2
printf 'remote 127.0.0.1:%s\nauto two/shard-1\n' "$first" > "$T/mixed"
same "a remote and a local shard" --index "$T/mixed"
# a shard that stops answering: the search fails in bounded time, naming it
tcpsrv=$(pgrep -f "xapian-tcpsrv --quiet --port $last ")
kill -STOP $tcpsrv
start=$(date +%s)
out=$(QUOTH_REMOTE_TIMEOUT=2000 timeout 60 "$Q" search --index "$T/remote" sanctions 2>&1); rc=$?
[ $(( $(date +%s) - start )) -le 10 ] && ok || bad "hung shard: search took too long"
[ "$rc" -eq 3 ] && ok || bad "hung shard: exit $rc, wanted 3" "$out"
has "hung shard named" "127.0.0.1:$last" "$out"
# a shard that is gone: the search fails at once, naming it
kill -9 $tcpsrv
out=$(timeout 60 "$Q" search --index "$T/remote" sanctions 2>&1); rc=$?
[ "$rc" -eq 3 ] && ok || bad "dead shard: exit $rc, wanted 3" "$out"
has "dead shard named" "127.0.0.1:$last" "$out"
stop_servers
[ -z "$(pgrep -f "xapian-tcpsrv --quiet --port $first ")" ] && ok || bad "serve-shard stops its servers"

# every speaker's facet count equals the count of its filtered search
expect "corpus speaker facet" 0 "$Q" search --index "$T/cidx" --facets --format=json Syria
facets=$out
nsp=$(echo "$facets" | json "len(d['facets']['speaker'])")
[ "$nsp" -ge 5 ] && ok || bad "corpus speaker facet has speakers ($nsp)"
while IFS= read -r name; do
	n=$(echo "$facets" | json "[f['count'] for f in d['facets']['speaker'] if f['value']=='$name'][0]")
	expect "corpus speaker $name" 0 "$Q" search --index "$T/cidx" --count "Syria speaker:\"$name\""
	eq "facet $name = search Syria speaker:$name" "$n" "$out"
done <<EOF2
$(echo "$facets" | json "'\\n'.join(f['value'] for f in d['facets']['speaker'])")
EOF2
expect "corpus quotes phrase" 0 "$Q" quotes --index "$T/cidx" --format=json --limit 100 '"low level of trust"'
eq "every 'low level of trust' quotation is Tillerson's" \
	"$(echo "$out" | json "sorted(set(r['speaker'] for r in d['results']))")" "['Rex Tillerson']"
expect "corpus lavrov one speaker" 0 "$Q" quotes --index "$T/cidx" --format=json --facets --limit 100 'speaker:lavrov'
eq "speaker:lavrov is one speaker across outlets" \
	"$(echo "$out" | json "[f['value'] for f in d['facets']['speaker']]")" "['Sergei Lavrov']"
[ "$(echo "$out" | json "len(d['facets']['outlet'])")" -ge 3 ] && ok || bad "Lavrov quoted in 3+ outlets"

echo "e2e: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
