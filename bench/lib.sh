# Shell helpers the benchmark scripts share: sourced after RESULTS (the JSON-lines file the
# report reads) is set.

# Announces a step on stderr.
step() { printf '\n== %s\n' "$*" >&2; }

# Appends the JSON lines read to RESULTS, echoing them on stderr.
record() { tee -a "$RESULTS" >&2; }

# Records the lines, code lines (neither blank nor comments) and bytes of each DIR/NAME.rs as
# key PREFIX_NAME: record_lines PREFIX DIR NAME...
record_lines() {
  local prefix=$1 dir=$2 f lines code bytes
  shift 2
  for f in "$@"; do
    lines=$(wc -l <"$dir/$f.rs")
    code=$(grep -cvE '^\s*($|//)' "$dir/$f.rs")
    bytes=$(wc -c <"$dir/$f.rs")
    echo "{\"key\": \"${prefix}_$f\", \"lines\": $lines, \"code_lines\": $code, \"bytes\": $bytes}" | record
  done
}
