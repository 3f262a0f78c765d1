# Shell functions the load scripts share (sourced by run-embedded.sh and the reference-target scripts).

# Waits until URL $1 answers; when process $2 ends first, prints its log $3 under the name $4 and stops the script.
await_ready() {
  for _ in $(seq 1 120); do
    if curl -fsS "$1" >/dev/null 2>&1; then
      return
    fi
    if ! kill -0 "$2" 2>/dev/null; then
      echo "$4 stopped while starting:" >&2
      cat "$3" >&2
      exit 2
    fi
    sleep 0.5
  done
}

# The given processes and every process below them.
process_tree() {
  local pid
  for pid in "$@"; do
    echo "$pid"
    process_tree $(pgrep -P "$pid" || true)
  done
}

# CPU time in ms (user + system; proc(5) fields 14 and 15, clock ticks of 1/100 s) of process $1 and all below it.
tree_cpu_ms() {
  local total=0 pid
  for pid in $(process_tree "$1"); do
    if [ -r "/proc/$pid/stat" ]; then
      total=$((total + $(sed 's/^.*) //' "/proc/$pid/stat" | awk '{print $12 + $13}')))
    fi
  done
  echo $((total * 10))
}

