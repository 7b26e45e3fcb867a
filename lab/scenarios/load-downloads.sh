# sourced by run-scenario.sh: the story played between the hosts
# Bulk downloads for throughput measurements (the "large downloads" shape of bench/): few connections with big
# bodies. Two clients fetch 32 MB and 128 MB files over and over, three at a time, each at 8 MB/s (so that
# tcpdump keeps up), plus a lookup before each round. Segmentation offloads are turned off (ethtool) so that the
# frames are the size a real network carries, not 64 KB super-segments.
NET=10.61.0; ATT=21; VIC=10; CLI=22; DNS=1; SHELLPORT=0
LOAD_S=${LOAD_S:-25}
play() {
  note "large downloads for ${LOAD_S}s: curl fetching 32 MB and 128 MB files at 8 MB/s, 3 at a time from two clients"
  local h p
  for h in vic cli att; do nsx $h ethtool -K eth0 tso off gso off gro off >/dev/null 2>&1 || true; done
  for p in $(nsx sw ls /sys/class/net); do nsx sw ethtool -K "$p" tso off gso off gro off >/dev/null 2>&1 || true; done
  head -c 32000000 /dev/urandom > "$RUN/www/medium.bin"
  head -c 128000000 /dev/urandom > "$RUN/www/large.bin"
  local pids=() who
  for who in cli att; do
    ( end=$((SECONDS+LOAD_S)); while [ $SECONDS -lt $end ]; do
        nsx $who dig +short @$D portal.corp.lan >/dev/null
        nsx $who timeout 40 curl -s --limit-rate 8M -o /dev/null http://$V/large.bin &
        nsx $who timeout 40 curl -s --limit-rate 8M -o /dev/null -o /dev/null http://$V/medium.bin http://$V/medium.bin &
        nsx $who timeout 40 curl -s --limit-rate 8M -o /dev/null http://$V/medium.bin
        wait
      done ) & pids+=($!)
  done
  wait "${pids[@]}"
}
