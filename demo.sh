#!/bin/sh
# The untm demo (run by `make demo`): a fresh database, term lookup, term finding,
# a translation memory built from the demo corpus, fuzzy lookup, concordance, export.
set -eu
UNTM=${UNTM:-untm}
DEMO_DB=${DEMO_DB:-.demo/untm.db}
OUT=$(dirname "$DEMO_DB")
mkdir -p "$OUT"
rm -f "$DEMO_DB" "$DEMO_DB-wal" "$DEMO_DB-shm"
u() { echo "\$ untm $*"; "$UNTM" --db "$DEMO_DB" "$@"; echo; }

echo "== Term lookup (the database is created with the UN glossary on first use)"
u lookup 不限成员名额政府间专家会议 --limit 1
u lookup "open-ended intergovernmental expert meeting" --limit 1
u lookup UNODC --limit 1
u lookup "States Parties" --limit 2
u lookup "Implementaton Review Grop" --limit 1
echo "== Terms in a UN document as extracted from PDF (first 15)"
echo "\$ untm terms find corpus/zh/000_81281640e8b35b4e.txt | head -15"
"$UNTM" --db "$DEMO_DB" terms find corpus/zh/000_81281640e8b35b4e.txt 2>/dev/null | head -15
echo
echo "== Translation memory"
u tm import demo/memory.tsv --source-lang zh
u tm lookup "第九次增进《联合国反腐败公约》下国际合作不限成员名额政府间专家会议将于2020年6月1日星期一上午10时开幕。"
u tm concordance 司法协助 --limit 2
u tm export "$OUT/memory.tmx"
u termbase export "$OUT/glossary.tbx"
u termbase stats
u tm stats
echo "Demo files are in $OUT/."
