"""Check tests/data/quotes-gold.yaml against its article texts (run from the repo root)."""
import json, re, sys, yaml
from pathlib import Path

root = Path(__file__).resolve().parents[2]
gold = yaml.safe_load((root / "tests/data/quotes-gold.yaml").read_text(encoding="utf-8"))
bbc = {json.loads(l)["id"]: json.loads(l) for l in (root / "tests/data/quotes-articles.jsonl").open(encoding="utf-8")}
QM = "\"'\u2018\u2019\u201c\u201d"
bad = 0
def fail(msg):
    global bad; bad += 1; print("FAIL", msg)
n_q = n_anon = n_nq = 0
for art in gold:
    a = art["article"]
    text = (root / a).read_text(encoding="utf-8") if a.startswith("seeds/") else bbc[a.split(":", 1)[1]]["text"]
    for q in art["quotes"]:
        n_q += 1
        parts = q.get("parts") or [q["text"]]
        if q.get("parts") and q["text"] != " ".join(parts):
            fail(f"{a}: text is not the parts joined: {q['text'][:40]}")
        for p in parts:
            i = text.find(p)
            if i < 0:
                fail(f"{a}: not verbatim: {p!r}"); continue
            if i == 0 or text[i - 1] not in QM:
                fail(f"{a}: no opening mark before {p[:40]!r}")
        if len(q["text"].split()) < 4:
            fail(f"{a}: under 4 words: {q['text']!r}")
        if q["speaker"] == "anonymous":
            n_anon += 1
            if not q.get("description"):
                fail(f"{a}: anonymous without description")
        if "role" not in q:
            fail(f"{a}: no role key")
    for s in art["not_quotes"]:
        n_nq += 1
        if s not in text:
            fail(f"{a}: not_quote not verbatim: {s!r}")
print(f"articles={len(gold)} quotes={n_q} anonymous={n_anon} not_quotes={n_nq} failures={bad}")
sys.exit(1 if bad else 0)
