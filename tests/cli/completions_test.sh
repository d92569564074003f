#!/usr/bin/env bash
# The completions in completions/ are what scripts/gen-completions makes from the tools' own
# --list-options (so they cannot drift from the CLI), every file passes its shell's syntax check,
# and bash's and fish's completion of each command offers exactly the CLI's options and the right
# values.
#   completions_test.sh BIN_DIR
set -uo pipefail
bin_dir=$(cd "$1" && pwd)
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
pass() { echo "PASS: $1"; }
fail() { echo "FAIL: $1"; failures=$((failures + 1)); }
same() {  # DESCRIPTION EXPECTED GOT (newline-separated sets)
  if [[ $(sort -u <<<"$2") == $(sort -u <<<"$3") ]]; then
    pass "$1"
  else
    fail "$1"
    diff <(sort -u <<<"$2") <(sort -u <<<"$3") | sed 's/^/    /'
  fi
}

# One source: regenerated from the binaries, they equal the files in the repository.
if python3 "$repo/scripts/gen-completions" "$bin_dir" "$work/generated"; then
  if diff -r "$repo/completions" "$work/generated" >"$work/diff"; then
    pass "completions/ is what scripts/gen-completions makes from the tools' --list-options"
  else
    fail "completions/ differs from the tools' --list-options; run scripts/gen-completions build/bin"
    sed 's/^/    /' "$work/diff" | head -n 40
  fi
else
  fail "scripts/gen-completions ran"
fi

# Syntax.
for shell_check in "bash -n $repo/completions/bash/netdiag" "zsh -n $repo/completions/zsh/_netdiag"; do
  if $shell_check 2>"$work/err"; then pass "syntax: $shell_check"; else fail "syntax: $shell_check: $(cat "$work/err")"; fi
done
for file in "$repo"/completions/fish/*.fish; do
  if fish --no-execute "$file" 2>"$work/err"; then pass "syntax: fish $file"; else fail "syntax: fish $file: $(cat "$work/err")"; fi
done

# What bash offers: COMP_WORDS as bash would set them, the completion function run.
bash_complete() {  # WORDS... (the last one is the word being completed)
  bash --norc -c '
    source /usr/share/bash-completion/bash_completion
    source "$0"
    COMP_WORDS=("$@")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMP_LINE="${COMP_WORDS[*]}"
    COMP_POINT=${#COMP_LINE}
    case ${COMP_WORDS[0]} in
      netdiag) _netdiag ;;
      *) "_${COMP_WORDS[0]//-/_}" ;;
    esac
    printf "%s\n" "${COMPREPLY[@]}"' "$repo/completions/bash/netdiag" "$@"
}
# What fish offers (candidates only, descriptions cut).
fish_complete() {  # FILE LINE
  fish --no-config -c "source $1; complete -C '$2'" | cut -f1
}

for tool in nd-ping nd-trace nd-tcp nd-arp nd-dns; do
  cli=$("$bin_dir/$tool" --list-options | cut -f1 | tr ',' '\n')
  if [[ -z $cli ]]; then fail "$tool --list-options lists options"; continue; fi
  same "bash: $tool - offers the CLI's options" "$cli" "$(bash_complete "$tool" -)"
  same "bash: netdiag ${tool#nd-} - offers $tool's options" "$cli" "$(bash_complete netdiag "${tool#nd-}" -)"
  same "fish: $tool - offers the CLI's options" "$cli" \
    "$(fish_complete "$repo/completions/fish/$tool.fish" "$tool -"; fish_complete "$repo/completions/fish/$tool.fish" "$tool --")"
  same "fish: netdiag ${tool#nd-} - offers $tool's options" "$cli" \
    "$(fish_complete "$repo/completions/fish/netdiag.fish" "netdiag ${tool#nd-} -"
       fish_complete "$repo/completions/fish/netdiag.fish" "netdiag ${tool#nd-} --")"
done

# Values.
commands=$("$bin_dir/netdiag" --help | sed -n 's/^  \([a-z]*\) .*/\1/p')
same "bash: netdiag's commands" "$commands"$'\n'"help"$'\n'"--version"$'\n'"--help" "$(bash_complete netdiag '')"
same "fish: netdiag's commands" "$commands" "$(fish_complete "$repo/completions/fish/netdiag.fish" "netdiag ")"
same "bash: nd-ping -M offers do, want, dont" $'do\nwant\ndont' "$(bash_complete nd-ping -M '')"
same "fish: nd-ping -M offers do, want, dont" $'do\nwant\ndont' \
  "$(fish_complete "$repo/completions/fish/nd-ping.fish" "nd-ping -M ")"
same "bash: --color offers auto, always, never" $'auto\nalways\nnever' "$(bash_complete nd-dns --color '')"
same "bash: nd-dns -t completes record types, in capitals" $'AAAA' "$(bash_complete nd-dns -t aa)"
interfaces=$(ls /sys/class/net)
same "bash: nd-ping -I offers the interfaces" "$interfaces" "$(bash_complete nd-ping -I '')"
same "bash: netdiag trace -i offers the interfaces" "$interfaces" "$(bash_complete netdiag trace -i '')"
same "fish: nd-arp -I offers the interfaces" "$interfaces" \
  "$(fish_complete "$repo/completions/fish/nd-arp.fish" "nd-arp -I ")"

echo "# $failures failed"
((failures == 0))
