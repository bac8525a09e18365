#!/bin/sh
# Install the Graphviz `dot` program (a system program, not a pip package).
# Everything except the image outputs works without it; tracekeras then says
# so plainly and still writes the .dot sources.
command -v dot >/dev/null 2>&1 && exit 0
if command -v apt-get >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else SUDO=none; fi
    if [ "$SUDO" != none ]; then
        echo "Installing Graphviz (dot) with apt-get ..."
        $SUDO apt-get install -y -q graphviz >/dev/null 2>&1 || \
            { $SUDO apt-get update -q >/dev/null 2>&1 && $SUDO apt-get install -y -q graphviz >/dev/null 2>&1; }
    fi
elif command -v brew >/dev/null 2>&1; then
    brew install graphviz >/dev/null 2>&1
fi
if command -v dot >/dev/null 2>&1; then
    echo "Graphviz dot installed: $(dot -V 2>&1)"
else
    echo "NOTE: the Graphviz 'dot' program is not installed and could not be installed here."
    echo "      Install it with your system's package manager (apt-get install graphviz,"
    echo "      dnf install graphviz, brew install graphviz, choco install graphviz)."
    echo "      tracekeras still writes .dot sources and every non-image output without it."
fi
exit 0
