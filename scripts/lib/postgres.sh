# Sourced by the scripts that need a local PostgreSQL: installs the Debian packages named in
# "$@" (postgresql among them if it is missing), starts the Debian cluster if it is down, and
# gives this user a role that may create databases (peer authentication over the local socket,
# so no password). Sets $user.

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

ensure_postgres() {
  local missing=()
  command -v pg_ctlcluster >/dev/null || missing+=(postgresql)
  for package in "$@"; do
    command -v "$package" >/dev/null || missing+=("$package")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing ${missing[*]}..."
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
  fi

  local version
  version=$(pg_lsclusters -h | awk 'NR==1 {print $1}')
  if ! pg_lsclusters -h | awk '{print $4}' | grep -q online; then
    as_root pg_ctlcluster "$version" main start
  fi
  user=$(id -un)
  as_root runuser -u postgres -- psql -q -v ON_ERROR_STOP=1 -c \
    "DO \$\$BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$user') THEN CREATE ROLE \"$user\" LOGIN CREATEDB; END IF; END\$\$;"
}
