#!/bin/sh
# Install the system programs tracekeras uses but pip cannot provide:
#   dot       (Graphviz) draws the call diagrams and layer graphs;
#   chromium  (headless) lets the tests screenshot the HTML report.
# Everything except the image outputs works without dot; tracekeras then says
# so plainly and still writes the .dot sources. Without chromium the screenshot
# test is skipped with a note.
want=""
command -v dot >/dev/null 2>&1 || want="$want graphviz"
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || want="$want chromium"
[ -z "$want" ] && exit 0
if command -v apt-get >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then SUDO=""; elif sudo -n true >/dev/null 2>&1; then SUDO="sudo -n"; else SUDO=none; fi
    if [ "$SUDO" != none ]; then
        echo "Installing$want with apt-get ..."
        $SUDO apt-get install -y -q $want >/dev/null 2>&1 || \
            { $SUDO apt-get update -q >/dev/null 2>&1 && $SUDO apt-get install -y -q $want >/dev/null 2>&1; }
    fi
elif command -v brew >/dev/null 2>&1; then
    case "$want" in *graphviz*) brew install graphviz >/dev/null 2>&1 ;; esac
fi
if command -v dot >/dev/null 2>&1; then
    echo "Graphviz dot: $(dot -V 2>&1)"
else
    echo "NOTE: the Graphviz 'dot' program is not installed and could not be installed here."
    echo "      Install it with your system's package manager (apt-get install graphviz,"
    echo "      dnf install graphviz, brew install graphviz, choco install graphviz)."
    echo "      tracekeras still writes .dot sources and every non-image output without it."
fi
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
    echo "NOTE: no headless Chromium: the HTML-report screenshot test will be skipped."
exit 0
