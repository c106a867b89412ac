#!/usr/bin/env bash
# Takes a PNG of each main screen of the wizard, as a person sees it in an
# 80×24 terminal: tmux runs the built binary on the embedded sandbox,
# `capture-pane -e` keeps the colours, freeze (pinned, built in a scratch
# module) draws the PNG. Writes assets/screenshots/*.png; the light set
# uses --theme light on a white background.
#
#   scripts/screenshots.sh            # both themes
#   THEMES=dark scripts/screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out=assets/screenshots
work=$(mktemp -d "${TMPDIR:-/var/tmp}/onboard-shots.XXXXXX")
sock="onboard-shots-$$"
trap 'tmux -L "$sock" kill-server 2>/dev/null || true; rm -rf "$work"' EXIT

if ! command -v freeze >/dev/null; then
	(cd "$work" && go mod init shots >/dev/null 2>&1 &&
		GOFLAGS=-mod=mod go get -tool github.com/charmbracelet/freeze@v0.2.2 >/dev/null 2>&1 &&
		go build -o "$work/freeze" github.com/charmbracelet/freeze)
	freeze="$work/freeze"
else
	freeze=freeze
fi
go build -o "$work/onboard" ./cmd/onboard

screen() { tmux -L "$sock" capture-pane -p -t w; }
wait_for() {
	for _ in $(seq 200); do screen | grep -qF -- "$1" && return 0; sleep 0.05; done
	echo "screenshots: the screen never showed '$1'" >&2; screen >&2; exit 1
}
shot() { # name background(#rrggbb)
	sleep 0.3
	# freeze ignores SGR 49 ("default background"), which tmux emits after
	# every coloured cell: spell the default out, or colours bleed.
	local rgb
	rgb=$(printf '%d;%d;%d' "0x${2:1:2}" "0x${2:3:2}" "0x${2:5:2}")
	tmux -L "$sock" capture-pane -p -e -t w | sed "s/\x1b\[49m/\x1b[48;2;${rgb}m/g" >"$work/$1.ansi"
	"$freeze" --language ansi --window=false --background "$2" --padding 20 --margin 0 \
		--font.size 14 -o "$out/$1.png" "$work/$1.ansi" >/dev/null
	echo "wrote $out/$1.png"
}

for theme in ${THEMES:-dark light}; do # the README shows dark; light is for checking
	bg='#1b1b23'; [ "$theme" = light ] && bg='#ffffff'
	rm -rf "$work/xdg"
	cat >"$work/run.sh" <<RUN
#!/bin/sh
export XDG_STATE_HOME=$work/xdg/state XDG_CONFIG_HOME=$work/xdg/config XDG_DATA_HOME=$work/xdg/data
export LANG=fr_FR.UTF-8 TERM=xterm-256color COLORTERM=truecolor
$work/onboard --lang en --theme $theme
sleep 30
RUN
	chmod +x "$work/run.sh"
	tmux -L "$sock" kill-server 2>/dev/null && sleep 0.5 || true
	tmux -L "$sock" new-session -d -s w -x 80 -y 24 "$work/run.sh"
	wait_for "Terms and conditions"; shot "$theme-1-terms" "$bg"
	tmux -L "$sock" send-keys -t w a
	wait_for "Your mobile number"
	tmux -L "$sock" send-keys -t w -l "06 12 34 56 78"
	tmux -L "$sock" send-keys -t w Tab
	tmux -L "$sock" send-keys -t w -l "Ada"
	tmux -L "$sock" send-keys -t w Tab
	tmux -L "$sock" send-keys -t w -l "Lovelace"
	tmux -L "$sock" send-keys -t w Tab
	tmux -L "$sock" send-keys -t w -l "ada@example.com"
	wait_for "✓ +33 6 12 34 56 78"; shot "$theme-2-phone" "$bg"
	tmux -L "$sock" send-keys -t w Enter
	wait_for "your secret is"
	secret=$(screen | grep -o 'your secret is [0-9]*' | grep -o '[0-9]*$')
	shot "$theme-3-secret" "$bg"
	tmux -L "$sock" send-keys -t w -l "$secret"
	tmux -L "$sock" send-keys -t w Enter
	tmux -L "$sock" send-keys -t w -l "S3cure-pass!"
	tmux -L "$sock" send-keys -t w Enter
	tmux -L "$sock" send-keys -t w -l "S3cure-pass"
	wait_for "Again"; shot "$theme-4-password" "$bg"
	tmux -L "$sock" send-keys -t w -l "!"
	tmux -L "$sock" send-keys -t w Enter
	wait_for "/sandbox/kyc/"; shot "$theme-5-kyc" "$bg"
	link=$(screen | grep -o 'http://127.0.0.1:[0-9]*/sandbox/kyc/[A-Za-z0-9_-]*')
	# The QR in the dark picture must scan. (freeze paints no cell
	# backgrounds on a light page, so the light picture's QR is only a look.)
	if [ "$theme" = dark ] && command -v zbarimg >/dev/null; then
		[ "$(zbarimg -q --raw "$out/$theme-5-kyc.png" 2>/dev/null)" = "$link" ] ||
			{ echo "screenshots: the QR code in $theme-5-kyc.png does not decode to $link" >&2; exit 1; }
	fi
	curl -fsS -o /dev/null -d action=approve "$link"
	wait_for "Confirm your email address"
	tmux -L "$sock" send-keys -t w Enter
	wait_for "Waiting for the click"; shot "$theme-6-email" "$bg"
	base=${link%%/sandbox/*}
	mail=$(curl -fsS "$base/sandbox/outbox?recipient=ada@example.com" | grep -o '"link":"[^"]*"' | tail -1 | cut -d'"' -f4)
	curl -fsS -o /dev/null "$mail"
	wait_for "You are a verified customer"; shot "$theme-7-done" "$bg"
done
