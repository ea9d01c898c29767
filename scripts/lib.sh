# Shared set-up steps for scripts/start, scripts/test and .ci/run (sourced, not executed).
# Everything here is idempotent: a second run finds the work done and returns at once.

PROJECT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$PROJECT_ROOT/.venv"
PYTHON="${PYTHON:-python3}"

# WeasyPrint renders PDFs with Pango and HarfBuzz; Chromium runs the browser tests; libfaketime
# moves the system clock for the date-sensitive tests in CI.
RUNTIME_DEBS=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig)
TEST_DEBS=(chromium poppler-utils faketime libreoffice-writer-nogui libreoffice-calc-nogui fonts-liberation default-jre-headless)

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

apt_install() {
    local missing=()
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
            || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
        say "Не хватает системных пакетов: ${missing[*]} (установите их через apt-get)"
        return 0
    fi
    say "Устанавливаю системные пакеты: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    if [ -z "${APT_UPDATED:-}" ]; then
        apt-get update -qq
        APT_UPDATED=1
    fi
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_system_packages() {
    if command -v dpkg-query >/dev/null; then
        apt_install "${RUNTIME_DEBS[@]}"
        if [ "${1:-}" = "test" ]; then
            apt_install "${TEST_DEBS[@]}"
        fi
    fi
}

ensure_python_env() {
    local stamp="$VENV/.installed-$(sha256sum "$PROJECT_ROOT/pyproject.toml" | cut -c1-16)"
    [ -f "$stamp" ] && return 0
    if [ ! -x "$VENV/bin/python" ]; then
        say "Создаю виртуальное окружение .venv"
        "$PYTHON" -m venv "$VENV" || {
            apt_install python3-venv
            "$PYTHON" -m venv "$VENV"
        }
    fi
    say "Устанавливаю зависимости Python"
    "$VENV/bin/python" -m pip install -q --upgrade pip
    "$VENV/bin/python" -m pip install -q -e "$PROJECT_ROOT[test]"
    rm -f "$VENV"/.installed-*
    touch "$stamp"
}

# axe-core checks accessibility in the browser tests; vnu-jar (the Nu HTML checker, run with Java)
# validates the HTML of the main pages.
NODE_TOOLS=(axe-core@4 vnu-jar@26)

ensure_node_tools() {
    local stamp="$PROJECT_ROOT/.node/.installed-$(echo "${NODE_TOOLS[*]}" | sha256sum | cut -c1-16)"
    [ -f "$stamp" ] && return 0
    command -v npm >/dev/null || apt_install npm
    say "Устанавливаю инструменты проверки страниц: ${NODE_TOOLS[*]}"
    mkdir -p "$PROJECT_ROOT/.node"
    npm install --prefix "$PROJECT_ROOT/.node" --no-audit --no-fund --silent "${NODE_TOOLS[@]}"
    rm -f "$PROJECT_ROOT"/.node/.installed-*
    touch "$stamp"
}

ensure_postgres() {
    if ! command -v pg_ctlcluster >/dev/null; then
        apt_install postgresql
    fi
    if ! pg_isready -q -h 127.0.0.1 -p 5432; then
        local version
        version="$(ls /etc/postgresql | sort -V | tail -n 1)"
        say "Запускаю PostgreSQL $version"
        pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null \
            || pg_ctlcluster "$version" main start
    fi
    for _ in $(seq 1 30); do
        pg_isready -q -h 127.0.0.1 -p 5432 && break
        sleep 1
    done
    pg_isready -h 127.0.0.1 -p 5432
    # Password login works whether the server trusts local TCP connections or asks a password.
    if [ "$(id -u)" -eq 0 ] && id postgres >/dev/null 2>&1; then
        su postgres -c "psql -q -c \"ALTER USER postgres PASSWORD 'postgres'\"" >/dev/null
    fi
}
