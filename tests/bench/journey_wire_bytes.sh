#!/usr/bin/env bash
# Bytes on the wire for the journey sync (issue 23): the demo newcomer's
# journey over the Connect JSON mapping, uncompressed and gzipped.
#   tests/bench/journey_wire_bytes.sh build/server/welkomd
set -euo pipefail
W=$1; D=$(mktemp -d)
$W --db $D/w.db --demo --grpc-listen 127.0.0.1:0 --http-listen 127.0.0.1:18181 --jobs-interval 0 > $D/out 2> $D/err &
PID=$!
for i in $(seq 50); do grep -qE "^ +newcomer " $D/out 2>/dev/null && break; sleep 0.2; done
EMAIL=$(grep -E '^ +newcomer ' $D/out | awk '{print $2}' | head -1)
PASS=$(grep -E '^ +newcomer ' $D/out | awk '{print $3}' | head -1)
U=http://127.0.0.1:18181/welkom.v1
TOKEN=$(curl -s -H 'Content-Type: application/json' -d "{\"email\":\"$EMAIL\",\"password\":\"$PASS\"}" $U.IdentityService/Login | python3 -c 'import sys,json;print(json.load(sys.stdin)["session"]["token"])')
call() { curl -s -H 'Content-Type: application/json' -H "Authorization: Bearer $TOKEN" -d "$2" $U.JourneyService/$1; }
size() { local b; b=$(call "$1" "$2"); echo "$3: $(printf %s "$b" | wc -c) bytes JSON, $(printf %s "$b" | gzip -c | wc -c) gzip"; }
J=$(call GetJourney '{}'); ETAG=$(printf %s "$J" | python3 -c 'import sys,json;print(json.load(sys.stdin)["journey"]["etag"])')
KEY=$(printf %s "$J" | python3 -c 'import sys,json;print([s["key"] for s in json.load(sys.stdin)["journey"]["steps"] if s.get("owner")=="STEP_OWNER_NEWCOMER"][0])')
size GetJourney '{}' "GetJourney (whole)"
size GetJourney "{\"etag\":\"$ETAG\"}" "GetJourney, no change"
size UpdateStep "{\"stepKey\":\"$KEY\",\"note\":\"a\",\"setNote\":true,\"view\":\"JOURNEY_VIEW_FULL\"}" "UpdateStep note, view FULL"
J=$(call GetJourney '{}'); ETAG=$(printf %s "$J" | python3 -c 'import sys,json;print(json.load(sys.stdin)["journey"]["etag"])')
size UpdateStep "{\"stepKey\":\"$KEY\",\"note\":\"b\",\"setNote\":true,\"journeyEtag\":\"$ETAG\"}" "UpdateStep note, changes"
kill $PID; wait $PID 2>/dev/null || true; rm -rf $D
