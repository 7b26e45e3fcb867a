# sourced by run-scenario.sh: the story played between the hosts
# Many short exchanges for throughput measurements (the "many short connections" shape of bench/): fresh HTTP
# connections for tiny pages, a DNS lookup flood through the resolver, and TCP connects to closed and open ports,
# from two clients at once; nearly every packet is a handshake, a teardown or a small datagram.
NET=10.62.0; ATT=21; VIC=10; CLI=22; DNS=1; SHELLPORT=0
LOAD_S=${LOAD_S:-60}
play() {
  note "short connections for ${LOAD_S}s: ab without keep-alive on a 20-byte page, dig floods, connects to 2,000 ports"
  printf 'ok %s\n' "tiny page" > "$RUN/www/tiny.txt"
  local pids=()
  nsx cli timeout $((LOAD_S+5)) ab -q -t $LOAD_S -n 100000000 -c 16 http://$V/tiny.txt >/dev/null 2>&1 & pids+=($!)
  nsx att timeout $((LOAD_S+5)) ab -q -t $LOAD_S -n 100000000 -c 8 http://$V/tiny.txt >/dev/null 2>&1 & pids+=($!)
  ( end=$((SECONDS+LOAD_S)); i=0; while [ $SECONDS -lt $end ]; do
      i=$((i+1))
      printf 'host%d.corp.lan\nportal.corp.lan\nwww.corp.lan\nmail%d.corp.lan\n' $i $i > "$RUN/names.$i"
      nsx cli timeout 10 dig +tries=1 +time=1 @$D -f "$RUN/names.$i" >/dev/null 2>&1 || true
      rm -f "$RUN/names.$i"
    done ) & pids+=($!)
  ( end=$((SECONDS+LOAD_S)); while [ $SECONDS -lt $end ]; do
      for port in $(seq 1000 1999); do nsx att timeout 1 ncat -z -w 1 $V $port 2>/dev/null || true; done
    done ) & pids+=($!)
  wait "${pids[@]}" || true   # a refused connect or an unanswered lookup is part of the shape, not a failure
}
