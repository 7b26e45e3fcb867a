# sourced by run-scenario.sh: the story played between the hosts
# Benign twin of the delivery and DNS-tunnel captures: a workstation updates from the internal
# Debian mirror the way apt does (InRelease, Packages.gz, then several .deb files, a
# connection each from python http.server, UA "Debian APT-HTTP/1.3 (2.6.1)"), fetches a script and a binary from the
# mirror with curl and wget (a vendor's installer), and resolves long CDN-style names (hashed
# labels under cdn-corp.net, answered by the resolver) while fetching static assets from them.
NET=172.31.223; ATT=40; VIC=10; CLI=23; DNS=2; SHELLPORT=0
EXTRA_HOSTS="$NET.40 mirror.corp.lan"
DNSMASQ_EXTRA="--address=/cdn-corp.net/$NET.40"
DEBS="attr_1%3a2.5.1-4_amd64.deb bubblewrap_0.8.0-2+deb12u1_amd64.deb dictzip_1.13.0+dfsg-1_amd64.deb fortune-mod_1%3a1.99.1-7.3_amd64.deb amqp-tools_0.11.0-1+deb12u3_amd64.deb"
services() {
  local m="$RUN/mirror/debian"
  mkdir -p "$m/dists/bookworm/main/binary-amd64" "$m/pool/main" "$RUN/mirror/vendor" "$RUN/mirror/static" "$RUN/ws"
  : > "$m/dists/bookworm/main/binary-amd64/Packages"
  for d in $DEBS; do
    local f; f=$(printf '%b' "${d//%/\\x}")        # %3a in the cache's names is ':'
    cp "/var/cache/apt/archives/$d" "$m/pool/main/$f"
    { dpkg-deb -f "$m/pool/main/$f"; echo "Filename: pool/main/$f"; echo "Size: $(stat -c %s "$m/pool/main/$f")"; echo "SHA256: $(sha256sum < "$m/pool/main/$f" | cut -d' ' -f1)"; echo; } >> "$m/dists/bookworm/main/binary-amd64/Packages"
  done
  gzip -9 -n -k "$m/dists/bookworm/main/binary-amd64/Packages"
  { echo "Origin: Corp mirror"; echo "Suite: bookworm"; echo "Date: Mon, 07 Dec 2026 00:00:00 UTC"; echo "SHA256:";
    echo " $(sha256sum < "$m/dists/bookworm/main/binary-amd64/Packages.gz" | cut -d' ' -f1) $(stat -c %s "$m/dists/bookworm/main/binary-amd64/Packages.gz") main/binary-amd64/Packages.gz"; } > "$m/dists/bookworm/InRelease"
  printf '#!/bin/sh\n# Corp VPN client installer\nset -e\necho "installing corp-vpn"\n' > "$RUN/mirror/vendor/install.sh"
  cp /usr/bin/true "$RUN/mirror/vendor/corp-vpn"
  head -c 6000 /usr/share/common-licenses/GPL-3 > "$RUN/mirror/static/app.css"
  head -c 9000 /usr/share/common-licenses/Apache-2.0 > "$RUN/mirror/static/app.js"
  ( cd "$RUN/mirror" && nsx att timeout 400 /usr/bin/python3 -m http.server 80 --bind $A >"$RUN/logs/mirror.log" 2>&1 ) &
}
play() {
  note "mirror $A:80 (mirror.corp.lan; every name under cdn-corp.net resolves to it); workstation $V (resolver $D); user $C browsing the intranet; no attacker"
  printf 'nameserver %s\n' $D > "/etc/netns/$P-vic/resolv.conf"
  benign_background
  local UA='Debian APT-HTTP/1.3 (2.6.1)' base=http://mirror.corp.lan/debian
  note "1 apt-like update: GET InRelease, then Packages.gz (curl, UA '$UA')"
  nsx vic curl -s -A "$UA" -o /dev/null $base/dists/bookworm/InRelease -o /dev/null $base/dists/bookworm/main/binary-amd64/Packages.gz || true
  sleep 2
  local urls=() f
  for d in $DEBS; do f=$(printf '%b' "${d//%/\\x}"); urls+=(-o /dev/null "$base/pool/main/$f"); done
  note "2 apt-like download of $(echo $DEBS | wc -w) .deb packages (python http.server answers HTTP/1.0: a connection per file; $(du -cb "$RUN"/mirror/debian/pool/main/*.deb | tail -1 | cut -f1) bytes)"
  nsx vic curl -s -A "$UA" "${urls[@]}" || true
  sleep 3
  note "3 vendor installer: curl GET http://mirror.corp.lan/vendor/install.sh, wget GET /vendor/corp-vpn (an ELF), both saved to disk"
  nsx vic curl -s -o "$RUN/ws/install.sh" http://mirror.corp.lan/vendor/install.sh || true
  ( cd "$RUN/ws" && nsx vic wget -q http://mirror.corp.lan/vendor/corp-vpn ) || true
  sleep 2
  note "4 long CDN-style names: 30 lookups of <hash>.static.cdn-corp.net / img-<hash>.eu-west-1.edge.cdn-corp.net (answered), each followed by a GET of an asset from that name"
  for i in $(seq 1 30); do
    local h; h=$(printf 'asset-%d' $i | sha1sum | cut -c1-24)
    local name; if [ $((i % 2)) = 0 ]; then name="$h.static.cdn-corp.net"; else name="img-${h:0:16}.eu-west-1.edge.cdn-corp.net"; fi
    nsx vic curl -s -A "$CHROME" -o /dev/null "http://$name/static/app.$([ $((i % 3)) = 0 ] && echo css || echo js)" || true
    sleep 0.$((RANDOM % 9 + 1))
  done
  sleep 2
  note "5 a second apt-like update check ten seconds later (InRelease only)"
  sleep 8
  nsx vic curl -s -A "$UA" -o /dev/null $base/dists/bookworm/InRelease || true
  benign_background
}
