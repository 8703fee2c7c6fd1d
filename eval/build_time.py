"""Builds eval/time.jsonl from questions written by reading the MultiHop-RAG articles.
Gold is article file names (and offsets of the figures for changed-figure questions)."""
import json, re
from pathlib import Path
A = Path("../shared/eval/multihop-rag/articles")  # run from the repository root
IDX = {json.loads(l)["file"]: json.loads(l) for l in open(A.parent / "articles_index.jsonl")}
files = {f[:4]: f for f in IDX}  # "083_" -> file name
def F(*prefixes): return [files[p if p.endswith("_") else p + "_"] for p in prefixes]
def day(f): return IDX[f]["published_at"][:10]
END = "2023-12-31"
SBF = "175 010 030 162 031 009 226 305 086 293 121 053 083 375".split()
ALTMAN = "516 333 332 415 054 099 047 027 117".split()
EUX = "396 025 024 153".split()
EPIC = "355 042 299 015 170".split()
OHTANI = "416 118 423 480 426 120 531 422".split()
ASX = "001 087 029 298 074 485 357 028".split()
TENHAG = "330 571 260 013 012 204 129 242 219 546 370 315 438 089".split()
FLEX = "536 514 537".split()
SWIFT = "021 559 059 344 174 045 046 295".split()
BINANCE = "374 375 293".split()
AIACT = "248 564 525".split()
BEEPER = "540 402".split()
HIPG = "464 263".split()

def newest(rel, as_of, start=""):
    fs = [f for f in F(*rel) if start <= day(f) <= as_of]
    top = max(day(f) for f in fs)
    return sorted(f for f in fs if day(f) == top)

latest = [
 ("What is the latest on the Sam Bankman-Fried trial?", "2023-11-15", SBF),
 ("What is the latest on Sam Altman and OpenAI's board?", "2023-11-20", ALTMAN),
 ("What is the latest on the EU's investigation of X over illegal content?", END, EUX),
 ("What is the latest on the EU's case against X under the Digital Services Act?", "2023-11-30", EUX),
 ("What's the latest in Epic Games' antitrust case against Google?", END, EPIC),
 ("What is the latest on Shohei Ohtani's free agency?", "2023-12-08", OHTANI),
 ("What is the latest on Beeper Mini?", END, BEEPER),
 ("What is the latest on the Hipgnosis Songs Fund?", END, HIPG),
 ("What is the latest news on the ASX?", "2023-10-20", ASX),
 ("What is the latest on the EU's AI Act?", "2023-12-10", AIACT),
 ("What is the latest on Erik ten Hag's Manchester United?", "2023-12-10", TENHAG),
 ("What is the latest on Flexport?", "2023-11-01", FLEX),
 ("What is the most recent news on Taylor Swift and Travis Kelce?", END, SWIFT),
 ("What is the most recent news about Binance and Changpeng Zhao?", "2023-11-25", BINANCE),
]
as_of = [
 ("As of 20 October 2023, what was the latest on the Sam Bankman-Fried trial?", "2023-10-20", SBF),
 ("As of 1 December 2023, what was the latest on Sam Altman and OpenAI?", "2023-12-01", ALTMAN),
 ("As of 12 October 2023, what was the latest on the EU and X over disinformation?", "2023-10-12", EUX),
 ("As of 10 November 2023, what was the latest in the Epic v. Google trial?", "2023-11-10", EPIC),
 ("As of 5 December 2023, what was the latest on where Shohei Ohtani will sign?", "2023-12-05", OHTANI),
 ("As of 1 November 2023, what was the latest on the ASX?", "2023-11-01", ASX),
 ("As of 30 November 2023, what was the latest on Erik ten Hag?", "2023-11-30", TENHAG),
 ("As of 8 December 2023, what was the latest on Beeper's iMessage app for Android?", "2023-12-08", BEEPER),
 ("As of 15 October 2023, what was the latest on Taylor Swift and Travis Kelce?", "2023-10-15", SWIFT),
 ("As of 1 October 2023, what was the yield on the 10-year Treasury?", "2023-10-01", ASX),
 ("As of 1 December 2023, what was the latest on Binance's settlement with US authorities?", "2023-12-01", BINANCE),
 ("As of 20 December 2023, what was the latest on Manchester United under Erik ten Hag?", "2023-12-20", TENHAG),
]
ranges = [  # question, pinned date, start, end, gold articles (those in the period on the topic)
 ("What did The Verge report about the FTX trial in October 2023?", END, "2023-10-01", "2023-10-31", "162 305 086 293 121 053 083"),
 ("What happened with OpenAI between 17 and 19 November 2023?", END, "2023-11-17", "2023-11-19", "516 333 332 415"),
 ("What was reported about the ASX in November 2023?", END, "2023-11-01", "2023-11-30", "357"),
 ("What happened in the Epic v. Google case in December 2023?", END, "2023-12-01", "2023-12-31", "170"),
 ("What was reported about Erik ten Hag in October 2023?", END, "2023-10-01", "2023-10-31", "166 366 300 330 571"),
 ("What did TechCrunch report about the EU and X in October 2023?", END, "2023-10-01", "2023-10-31", "025 024"),
 ("What was reported about Shohei Ohtani in November 2023?", END, "2023-11-01", "2023-11-30", "118 423 480"),
 ("What happened with Flexport since 10 October 2023?", END, "2023-10-10", END, "514 537 337 321"),
 ("What was said about Travis Kelce and Taylor Swift before 5 October 2023?", END, "", "2023-10-04", "021 311 200 559"),
 ("What did the news say about the EU's AI rules this week?", "2023-12-12", "2023-12-11", "2023-12-12", "525"),
 ("What happened with Sam Altman last month?", "2023-12-15", "2023-11-01", "2023-11-30", "516 333 332 415 054 099 047"),
 ("What was reported about the Israel-Hamas war in the past week?", "2023-10-14", "2023-10-07", "2023-10-14", "134 138 025 024 335 448 135 598 111"),
]
timelines = [  # topic, grep patterns (all must match the article), pinned date
 ("Sam Bankman-Fried trial", ["Bankman-Fried"], END),
 ("Sam Altman fired by OpenAI board", [r"Altman[^.]{0,80}(fired|ousted|firing|ouster)|(fired|ousted|firing|ouster)[^.]{0,80}Altman"], END),
 ("Epic v. Google antitrust trial", [r"Epic[^.]{0,80}Google|Google[^.]{0,80}Epic"], END),
 ("Shohei Ohtani free agency", ["Ohtani"], END),
 ("EU Digital Services Act and X", ["Digital Services Act"], END),
 ("Beeper Mini iMessage", ["Beeper"], END),
 ("Hipgnosis Songs Fund", ["Hipgnosis"], END),
 ("Erik ten Hag Manchester United", [r"ten Hag"], END),
 ("Taylor Swift and Travis Kelce", ["Kelce", "Swift"], END),
 ("Binance Changpeng Zhao", [r"Changpeng"], END),
 ("Flexport layoffs and Convoy", ["Flexport"], END),
 ("ASX share market", [r"^Title: ASX"], END),
]
changed = [  # question, pinned date, (first file(s), first values), (last file(s), last values);
 # "a|b": either article states that value (found by grepping the corpus for the value)
 ("How many people had Hamas' attack killed in Israel?", END, ("024|135", ["1,200", "1,300"]), ("336|267", ["1,400"])),
 ("What was the yield on the 10-year Treasury between 26 September and 5 October 2023?", END, ("001", ["4.55"]), ("029", ["4.73"])),
 ("How many employees did Epic Games lay off?", END, ("049", ["870"]), ("545|050", ["830"])),
 ("How much had Taylor Swift's Eras Tour concert film made?", END, ("419", ["100 million"]), ("173", ["250 million"])),
 ("What was the price of a barrel of Brent crude?", END, ("001", ["93.96"]), ("074", ["86"])),
 ("What was the price of a barrel of benchmark US crude in October 2023?", END, ("087", ["90.79"]), ("074", ["82.91"])),
 ("What did a barrel of benchmark US crude cost between 25 September and 5 October 2023?", END, ("001", ["90.39"]), ("029", ["84.22"])),
 ("What was the yield on the 10-year Treasury in October 2023?", END, ("087", ["4.58"]), ("485", ["4.85"])),
 ("What was the yield on the 10-year Treasury since November 2023?", END, ("357", ["4.52"]), ("028", ["4.18"])),
 ("What was the yield on the 10-year Treasury before 15 October 2023?", END, ("001", ["4.55"]), ("074", ["4.7"])),
]

# A second round of changed figures, written later by someone who had not seen the answers;
# the last field lists the articles that state the figure between the first and the last.
more_changed = [
 ("How many Palestinians had been killed in Gaza since 7 October 2023?", END, ("024|135", ["1,537", "1,500"]), ("336", ["10,000"]), "598 124"),
 ("How many hostages did Hamas take into Gaza?", END, ("598", ["150"]), ("596", ["240"]), "267 485"),
 ("What level did the Dow Jones Industrial Average close at?", END, ("087", ["33,507.50"]), ("357", ["34,061.32"]), "298"),
 ("Where did the Nasdaq composite close in October and November 2023?", END, ("087", ["13,219.32"]), ("357", ["13,478.28"]), ""),
 ("How much was one bitcoin worth in the last quarter of 2023?", END, ("485", ["35,000"]), ("334", ["44,000"]), "028"),
 ("How many monthly active users does Mastodon have?", END, ("488", ["1.8 million"]), ("507", ["1.5 million"]), ""),
 ("What was the average 30-year fixed mortgage rate in the US in October 2023?", END, ("112", ["7.5%"]), ("479", ["8%"]), ""),
 ("What was OpenAI valued at?", END, ("048", ["27B-29B", "27 billion", "29 billion"]), ("027", ["80 billion"]), "415 516 099"),
 ("What was the Detroit Lions' win-loss record this NFL season?", END, ("316", ["5-1"]), ("145", ["9-3"]), "004 119 040 150"),
 ("How many La Liga points did Real Madrid have?", END, ("352", ["21"]), ("093", ["39"]), ""),
 ("How many points did Bayern Munich have in the Bundesliga between the end of September and mid-December 2023?", END, ("352", ["14"]), ("093", ["32"]), ""),
 ("What was the yield on the two-year Treasury?", END, ("074", ["5.06"]), ("028", ["4.57"]), ""),
]

def where(f, value):
    """The value's first place in the article's body, as a whole number ("21" not "2021")."""
    text = (A / f).read_text(encoding="utf-8")
    body = text.index("\n\n")
    m = re.compile(r"(?<![\d.,])" + re.escape(value) + r"(?![\d])").search(text, body)
    assert m, (f, value)
    return {"article": f, "start": m.start(), "end": m.end()}

rows = []
for q, ref, rel in latest:
    rows.append({"kind": "latest", "question": q, "as_of": ref, "articles": F(*rel), "newest": newest(rel, ref)})
for q, cut, rel in as_of:
    rows.append({"kind": "as_of", "question": q, "as_of": END, "cutoff": cut, "articles": F(*rel), "newest": newest(rel, cut)})
for q, ref, start, end, gold in ranges:
    golds = F(*gold.split())
    assert all((not start or day(f) >= start) and day(f) <= end for f in golds), q
    rows.append({"kind": "range", "question": q, "as_of": ref, "range": [start, end], "articles": golds})
for topic, pats, ref in timelines:
    hits = sorted(f for f in IDX if all(re.search(p, (A / f).read_text(encoding="utf-8"), re.M) for p in pats))
    rows.append({"kind": "timeline", "question": f"How did the {topic} story unfold?", "topic": topic,
                 "as_of": ref, "grep": pats, "note": f"{len(hits)} articles match the grep"})
def changed_row(q, ref, f1, v1, f2, v2, between=""):
    firsts, lasts = F(*f1.split("|")), F(*f2.split("|"))
    assert max(day(a) for a in firsts) < min(day(b) for b in lasts), q
    return {"kind": "changed_figure", "question": q, "as_of": ref,
            "articles": firsts + lasts + (F(*between.split()) if between else []),
            "first": firsts, "last": lasts, "values": [v1, v2],
            "evidence": [where(firsts[0], v1[0]), where(lasts[0], v2[0])]}

for q, ref, (f1, v1), (f2, v2) in changed:
    rows.append(changed_row(q, ref, f1, v1, f2, v2))
# interleave kinds so that dev (even ids) and test (odd ids) each get half of every kind
by_kind = {}
for r in rows:
    by_kind.setdefault(r["kind"], []).append(r)
order = []
while any(by_kind.values()):
    for k in list(by_kind):
        if by_kind[k]:
            order.append(by_kind[k].pop(0))
order += [changed_row(q, ref, f1, v1, f2, v2, between)
          for q, ref, (f1, v1), (f2, v2), between in more_changed]
out = []
for i, r in enumerate(order):
    out.append(json.dumps({"id": f"time-{i:04d}", **r}, ensure_ascii=False))
Path("eval/time.jsonl").write_text("\n".join(out) + "\n", encoding="utf-8")
print(len(out), {k: sum(1 for r in order if r["kind"] == k) for k in ["latest","as_of","range","timeline","changed_figure"]})
for r in rows:
    if r["kind"] == "timeline": print(r["topic"], r["note"])
