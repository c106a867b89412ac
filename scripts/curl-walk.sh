#!/usr/bin/env bash
# Walks one consumer through the whole LinkCy onboarding against a running
# `onboard sandbox`, with nothing but curl: create → reset → change → login
# → KYC → approve on the page → email → open link; then checks that KYC is
# VALIDATED and the email verified. Usage: scripts/curl-walk.sh [BASE_URL]
set -euo pipefail
base=${1:-http://127.0.0.1:7878}
api=$base/linkcy/api/partner
phone=${WALK_PHONE:-33612345699}
json() { curl -fsS -H 'content-type: application/json' "$@"; }
field() { sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p"; }
fail() { echo "curl-walk: $*" >&2; exit 1; }

id=$(json -X POST "$api/consumers" -d "{\"partnerName\":\"onboard-sandbox\",\"phone\":{\"countryCode\":\"${phone:0:2}\",\"number\":\"${phone:2}\"},\"emailAddress\":\"walk@example.com\",\"lastTermsAccepted\":\"1.0\"}" | field id)
[ -n "$id" ] || fail "create consumer gave no id"
json -X POST "$api/passwords/reset" -d "{\"consumerPhone\":\"$phone\",\"partnerName\":\"onboard-sandbox\"}"
secret=$(curl -fsS "$base/sandbox/outbox?recipient=%2B$phone" | grep -o '"secret":"[0-9]*"' | tail -1 | cut -d'"' -f4)
[ -n "$secret" ] || fail "no SMS secret in the outbox"
json -X POST "$api/passwords/change" -d "{\"passwordChangeSecret\":\"$secret\",\"newPassword\":\"S3cure-pass!\"}" >/dev/null
token=$(json -X POST "$api/login" -d "{\"consumerPhone\":\"$phone\",\"partnerName\":\"onboard-sandbox\",\"password\":\"S3cure-pass!\"}" | field token)
[ -n "$token" ] || fail "login gave no token"
auth=(-H "authorization: Bearer $token")
url=$(json "${auth[@]}" -X POST "$api/kyc" -d '{"kycConfiguration":{"accessType":"LINK"}}' | field url)
[ -n "$url" ] || fail "KYC gave no link"
curl -fsS -o /dev/null -d action=approve "$url"
json "${auth[@]}" -X POST "$api/verifications/email/send" -d '{}' >/dev/null
link=$(curl -fsS "$base/sandbox/outbox?recipient=walk@example.com" | grep -o '"link":"[^"]*"' | tail -1 | cut -d'"' -f4)
curl -fsS -o /dev/null "$link"
consumer=$(curl -fsS "${auth[@]}" "$api/consumers/$id")
grep -q '"kycStatus":"VALIDATED"' <<<"$consumer" || fail "KYC is not VALIDATED: $consumer"
grep -q '"emailAddressVerified":true' <<<"$consumer" || fail "email is not verified: $consumer"
echo "curl-walk: consumer $id onboarded: KYC VALIDATED, email verified"
