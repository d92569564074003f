#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# The container contract (packaging/docker/Dockerfile, README "As a sidecar container"): in a
# network namespace with net.ipv4.ping_group_range open as Docker sets it, as an unprivileged
# user whose bounding set lacks CAP_NET_RAW (`docker run --cap-drop NET_RAW`, Kubernetes'
# `drop: [NET_RAW]`), with the file capabilities the packages give (cap_net_raw+p, read from the
# Debian postinst and checked against the RPM spec), through the image's entrypoint `netdiag`:
# nd-ping, nd-trace (UDP and ICMP), nd-tcp and nd-dns work; nd-arp fails with one line that says
# what to add. Two contrasts show why the packages grant +p: a +ep file cannot even start there,
# and with CAP_NET_RAW in the bounding set (Docker's default) the +p nd-arp raises it, works, and
# holds no capability once its socket is open.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lab.sh"
source "$(dirname "${BASH_SOURCE[0]}")/dns_lab.sh"

lab_require_root
dns_lab_require
command -v dpkg-architecture >/dev/null || lab_skip "dpkg-architecture (dpkg-dev) is missing: run scripts/install-deps"
SOURCE_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
POSTINST=$SOURCE_DIR/packaging/debian/netdiag.postinst
SPEC=$SOURCE_DIR/packaging/rpm/netdiag.spec
lab_stage_bins
for tool in netdiag nd-ping nd-trace nd-tcp nd-arp nd-dns; do lab_require_tool "$tool"; done

# The packages' capabilities, one list in each packaging.
deb_caps=$(sed -n 's/^tools_with_net_raw="\(.*\)"$/\1/p' "$POSTINST" | tr ' ' '\n' | sort | xargs)
rpm_caps=$(sed -n 's|^%caps(cap_net_raw=p) %{_bindir}/||p' "$SPEC" | sort | xargs)
lab_check "the postinst grants CAP_NET_RAW to some tools ($deb_caps)" test -n "$deb_caps"
lab_eq "the RPM spec's %caps name the same tools as the postinst" "$rpm_caps" "$deb_caps"
for tool in $deb_caps; do setcap cap_net_raw+p "$LAB_BIN/$tool"; done

dns_lab_setup
lab_ping_group open
HINTS=$LAB_STAGE/root.hints
cp "$DNS_LAB_ROOT_HINTS" "$HINTS" && chmod 644 "$HINTS"
server4=198.18.53.40 server6=fd00:53::40  # ns1.plain.lab, on the client's link
OUT=$LAB_WORK/out.json ERR=$LAB_WORK/err.txt

# run WHO TOOL ARGS... — the front door (the image's entrypoint) runs TOOL as WHO.
run() {
  local who=$1
  shift
  lab_tool netdiag "$who" "$OUT" "$ERR" "$@"
  [[ ! -s $ERR ]] || lab_log "stderr: $(head -c 300 "$ERR")"
}

tag="[container: nobody, CAP_NET_RAW outside the bounding set]"
for server in "$server4" "$server6"; do
  run container ping -c 2 -i 0.2 --json "$server"
  lab_eq "$tag ping $server: exit 0" "$LAB_RC" 0
  lab_json_check "$OUT" "$tag ping $server: a ping (datagram) socket, 2 replies" \
    'd["socket"] == "datagram" and d["packets_received"] == 2'
done
for method in udp icmp; do
  args=(--json -q 1 -w 1)
  [[ $method == icmp ]] && args+=(-I)
  run container trace "${args[@]}" "$server4"
  lab_eq "$tag trace ($method) $server4: exit 0" "$LAB_RC" 0
  lab_json_check "$OUT" "$tag trace ($method): $method probes reach the destination" \
    "d['method'] == '$method' and d['destination_reached']"
done
run container tcp -c 1 --json "$server4" 53
lab_eq "$tag tcp $server4 53: exit 0" "$LAB_RC" 0
lab_json_check "$OUT" "$tag tcp 53: open (the server's SYN-ACK)" \
  '[(a["state"], a["reason"]) for a in d["attempts"]] == [("open", "syn-ack")]'
run container tcp -c 1 --json "$server6" 5432
lab_eq "$tag tcp [$server6]:5432: exit 1" "$LAB_RC" 1
lab_json_check "$OUT" "$tag tcp 5432: closed (the server's reset)" \
  '[(a["state"], a["reason"]) for a in d["attempts"]] == [("closed", "reset")]'
run container dns --root-hints "$HINTS" --json www.plain.lab
lab_eq "$tag dns www.plain.lab: exit 0" "$LAB_RC" 0
lab_json_check "$OUT" "$tag dns: $DNS_LAB_WWW_PLAIN_V4 from the root down" \
  "d['result'] == 'answer' and [r['data'] for r in d['answer']] == ['$DNS_LAB_WWW_PLAIN_V4'] and
   [s['zone'] for s in d['steps']] == ['.', 'lab.', 'plain.lab.']"
run container arp -c 1 -w 1 -I "$DNS_LAB_IFACE" "$server4"
lab_eq "$tag arp: exit 2" "$LAB_RC" 2
lab_eq "$tag arp: one line on stderr" "$(wc -l <"$ERR")" 1
lab_grep "$tag arp: it names CAP_NET_RAW and --cap-add NET_RAW" "$ERR" \
  '^nd-arp: .*CAP_NET_RAW.*bounding set.*--cap-add NET_RAW'
lab_start_bg nd-ping container "$OUT" "$ERR" -i 0.2 "$server4"
sleep 0.3
lab_check_no_caps "$tag nd-ping" "$BG_PID"
lab_stop_bg

cp "$LAB_BIN/nd-arp" "$LAB_BIN/nd-arp-ep"
setcap cap_net_raw+ep "$LAB_BIN/nd-arp-ep"
lab_tool nd-arp-ep container "$OUT" "$ERR" --version
lab_check "$tag a cap_net_raw+ep copy of nd-arp cannot start (exit $LAB_RC: $(head -c 200 "$ERR"))" \
  grep -q 'Operation not permitted' "$ERR"

tag="[nobody, CAP_NET_RAW in the bounding set (Docker's default), nd-arp with cap_net_raw+p]"
lab_tool nd-arp nobody-filecaps "$OUT" "$ERR" -c 1 -w 2 -I "$DNS_LAB_IFACE" --json "$server4"
lab_eq "$tag exit 0" "$LAB_RC" 0
lab_json_check "$OUT" "$tag the server's address answered" 'd["answers_received"] >= 1'
lab_start_bg nd-arp nobody-filecaps "$OUT" "$ERR" -i 0.2 -I "$DNS_LAB_IFACE" "$server4"
sleep 0.3
lab_check_no_caps "$tag nd-arp, after raising CAP_NET_RAW for its socket," "$BG_PID"
lab_stop_bg
lab_finish
