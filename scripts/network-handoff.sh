#!/usr/bin/env bash
# Writes the network team's handoff for a public virtual interface into one folder: the router configuration
# for each vendor (FRR, Cisco IOS XE, Junos) and the Amazon Connect allow lists (domains, CSV, JSON, Suricata).
#
#   scripts/network-handoff.sh [OUTDIR]            # the example app's configuration (bin/context.ts defaults)
#   REGION=eu-west-2 ALIAS=acme VLAN=230 ASN=64600 CUSTOMER_ADDRESS=... AMAZON_ADDRESS=... \
#     PREFIXES=... SCOPE=CONTINENT AGENT_CIDRS=10.20.0.0/16 IP_RANGES=ip-ranges.json scripts/network-handoff.sh out
#
# With IP_RANGES (a saved https://ip-ranges.amazonaws.com/ip-ranges.json) the router configurations accept
# inbound only the AMAZON_CONNECT, EC2 and CLOUDFRONT prefixes of REGION, and the allow lists carry prefixes.
# Nothing is sent anywhere; the MD5 key never appears (the configurations name the secret instead).
set -euo pipefail

OUT=${1:-handoff}
REGION=${REGION:-us-east-1}
ALIAS=${ALIAS:-example-contact-centre}
VLAN=${VLAN:-101}
ASN=${ASN:-65000}
CUSTOMER_ADDRESS=${CUSTOMER_ADDRESS:-198.51.100.1/31}
AMAZON_ADDRESS=${AMAZON_ADDRESS:-198.51.100.0/31}
PREFIXES=${PREFIXES:-203.0.113.0/24}
SCOPE=${SCOPE:-REGION}
AGENT_CIDRS=${AGENT_CIDRS:-10.0.0.0/16}
SECRET_NAME=${SECRET_NAME:-}
IP_RANGES=${IP_RANGES:-}
# The CLI: the package's binary (set CDX to e.g. "node assets/cli/index.js" inside a checkout).
read -r -a CDX <<< "${CDX:-npx --no-install cdk-connect-dx}"

mkdir -p "$OUT"
router_flags=(--vlan "$VLAN" --asn "$ASN" --customer-address "$CUSTOMER_ADDRESS" --amazon-address "$AMAZON_ADDRESS"
  --prefixes "$PREFIXES" --scope "$SCOPE")
[ -n "$SECRET_NAME" ] && router_flags+=(--secret-name "$SECRET_NAME")
allow_flags=(--region "$REGION" --alias "$ALIAS")
ip_flags=()  # prefixes for the IP-based allow lists (a domain list has none)
if [ -n "$IP_RANGES" ]; then
  router_flags+=(--only-connect-prefixes --region "$REGION" --ip-ranges "$IP_RANGES")
  ip_flags=(--ip-ranges "$IP_RANGES")
fi

for vendor in frr cisco-ios-xe junos; do
  "${CDX[@]}" router-config --vendor "$vendor" "${router_flags[@]}" > "$OUT/router-$vendor.conf"
done
"${CDX[@]}" allow-list "${allow_flags[@]}" --format domains > "$OUT/allow-list.domains"
for format in csv json; do
  "${CDX[@]}" allow-list "${allow_flags[@]}" ${ip_flags[@]+"${ip_flags[@]}"} --format "$format" > "$OUT/allow-list.$format"
done
"${CDX[@]}" allow-list "${allow_flags[@]}" ${ip_flags[@]+"${ip_flags[@]}"} --format suricata --home-net "$AGENT_CIDRS" \
  > "$OUT/allow-list.suricata.rules"

echo "wrote $(ls "$OUT" | wc -l) files to $OUT/:"
ls -1 "$OUT"
