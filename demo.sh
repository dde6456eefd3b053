#!/bin/sh
# The untm demo (run by `make demo`): a fresh database, term lookup, terms in a UN
# document, the corpus aligned into a memory (TMX and an HTML review page in out/),
# fuzzy lookup in that memory, concordance, exports.
set -eu
UNTM=${UNTM:-untm}
DEMO_DB=${DEMO_DB:-.demo/untm.db}
OUT=${DEMO_OUT:-out}
mkdir -p "$(dirname "$DEMO_DB")" "$OUT"
rm -f "$DEMO_DB" "$DEMO_DB-wal" "$DEMO_DB-shm"
u() { echo "\$ untm $*"; "$UNTM" --db "$DEMO_DB" "$@"; echo; }

echo "== Term lookup (the database is created with the UN glossary on first use)"
u lookup 不限成员名额政府间专家会议 --limit 1
u lookup "open-ended intergovernmental expert meeting" --limit 1
u lookup UNODC --limit 1
u lookup "Implementaton Review Grop" --limit 1
echo "== Terms in a UN document as extracted from PDF (first 12)"
echo "\$ untm terms find corpus/zh/000_81281640e8b35b4e.txt | head -12"
"$UNTM" --db "$DEMO_DB" terms find corpus/zh/000_81281640e8b35b4e.txt 2>/dev/null | head -12
echo
echo "== The corpus aligned: five Chinese UN documents and their English versions"
u align docs corpus/zh corpus/en-pdf --tmx "$OUT/untm-demo.tmx" --into-tm
u align sentences corpus/zh/001_17b5a7ec9c7e6f23.txt corpus/en-pdf/001_17b5a7ec9c7e6f23.txt \
  --format html --output "$OUT/untm-demo-review.html"
echo "== A sentence looked up in the new memory"
u tm lookup "第九次增进《联合国反腐败公约》下国际合作不限成员名额政府间专家会议将于2020年6月1日星期一上午10时开幕。" --limit 2
u tm concordance 司法协助 --limit 2
u termbase export "$OUT/untm-demo-glossary.tbx"
u tm stats
echo "Demo files are in $OUT/: untm-demo.tmx (the aligned corpus), untm-demo-review.html"
echo "(open it in a browser: low-confidence beads are marked), untm-demo-glossary.tbx."
