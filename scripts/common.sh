# Shared set-up for ./purenet and ./run-tests. Sourced, not run.

# Installs Debian packages quietly as root (the log is shown only if apt-get fails).
# Returns 1 when it cannot install (not root, no apt-get, or apt-get failed).
apt_install() {
  if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
    return 1
  fi
  local log
  log="$(mktemp)"
  if ! { DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
         DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"; } >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    return 1
  fi
  rm -f "$log"
}

# jblas's bundled BLAS links against libgfortran.so.5 (Debian/Ubuntu package libgfortran5).
# Also brings in the faster BLAS (ensure_fast_blas), so that every caller gets it.
ensure_libgfortran() {
  # No 'ldconfig -p | grep -q': grep exits at the first match, ldconfig then dies of SIGPIPE,
  # and under 'set -o pipefail' (./purenet, ./run-tests) the check failed at random. Capture
  # the whole output first, then match it without a pipe.
  local cache
  cache="$(ldconfig -p 2>/dev/null || true)"
  if [[ "$cache" != *"libgfortran.so.5"* ]]; then
    if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
      echo "purenet: jblas needs the GNU Fortran runtime; run: sudo apt-get install libgfortran5" >&2
      exit 1
    fi
    echo "purenet: installing libgfortran5 (needed by jblas's native BLAS)" >&2
    if ! apt_install libgfortran5; then
      echo "purenet: could not install libgfortran5; run: apt-get install libgfortran5" >&2
      exit 1
    fi
  fi
  ensure_fast_blas
}

# Debian's jblas JNI library (/usr/lib/jni) on Debian's OpenBLAS 0.3.21: it recognises current
# processors and trains about 2x faster than the OpenBLAS 0.3.10 inside the jblas jar, which
# falls back to old kernels on them (docs/performance.md). Optional: without these packages
# purenet uses the jar's library: slower, and as correct.
# The threaded build (libopenblas0-pthread), not the serial one: it is safe for concurrent
# callers, so --threads can train two blocks of a mini-batch at once (the serial build must be
# serialised by purenet's lock), and at OPENBLAS_NUM_THREADS=1 (exported below) it gives the
# serial build's bits. Debian then prefers it for libblas.so.3 system-wide (alternatives priority
# 100 against the serial build's 90); other programs keep one BLAS thread only if they set
# OPENBLAS_NUM_THREADS=1 too (docs/performance.md, "Two threads").
package_installed() {
  local status # captured, not piped into 'grep -q' (see ensure_libgfortran)
  status="$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)"
  [[ "$status" == *"ok installed"* ]]
}

ensure_fast_blas() {
  if ! command -v dpkg-query >/dev/null 2>&1; then
    return 0
  fi
  local missing=()
  package_installed jblas || missing+=(jblas)
  package_installed libopenblas0-pthread || missing+=(libopenblas0-pthread)
  if [ "${#missing[@]}" -eq 0 ]; then
    return 0
  fi
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "purenet: installing ${missing[*]} (a faster native BLAS)" >&2
    if apt_install "${missing[@]}"; then
      return 0
    fi
  fi
  if [ "${missing[*]}" = "libopenblas0-pthread" ] && package_installed libopenblas0-serial; then
    echo "purenet: the serial OpenBLAS takes one call at a time, so --threads cannot use two cores; for that run: sudo apt-get install libopenblas0-pthread" >&2
  else
    echo "purenet: using the slower BLAS bundled with jblas; for about 2x faster training run: sudo apt-get install ${missing[*]}" >&2
  fi
}

ensure_tools() {
  for tool in java mvn; do
    if ! command -v "$tool" >/dev/null 2>&1; then
      echo "purenet: '$tool' was not found; install a JDK 17+ and Maven 3.8+" >&2
      exit 1
    fi
  done
}

# The launcher's collector: the serial one (docs/performance.md, "Memory"), unless the options
# given ($1, PURENET_JAVA_OPTS) pick one themselves: the JVM refuses to start with two.
collector_flags() {
  if [[ "${1:-}" =~ -XX:\+Use[A-Za-z0-9]*GC ]]; then
    return 0
  fi
  echo "-XX:+UseSerialGC"
}

# The copy of jar $1 that runs read: JAR with -run before .jar, refreshed when the jar is newer, by
# an atomic rename. Maven rewrites the jar in place, so a rebuild (the next ./purenet after an
# edit) under a long run would change the classes it has yet to load and kill it hours in; a run
# holds its copy open, and a rename leaves that file whole. Prints the copy's path.
runnable_copy() {
  local copy="${1%.jar}-run.jar"
  if [ ! -f "$copy" ] || [ "$1" -nt "$copy" ]; then
    cp "$1" "$copy.$$" && mv -f "$copy.$$" "$copy"
  fi
  echo "$copy"
}

# A JDK 22 or later, for the zero-copy BLAS calls (docs/performance.md, "Zero-copy calls"):
# $PURENET_JDK22 when set, else the newest under /usr/lib/jvm. Prints its home, or nothing.
find_jdk22() {
  if [ -n "${PURENET_JDK22:-}" ]; then
    echo "$PURENET_JDK22"
    return 0
  fi
  local home version best="" best_version=0
  for home in /usr/lib/jvm/*; do
    [ -x "$home/bin/javac" ] && [ -f "$home/release" ] || continue
    version="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")"
    if [ -n "$version" ] && [ "$version" -ge 22 ] && [ "$version" -gt "$best_version" ]; then
      best="$home"
      best_version="$version"
    fi
  done
  echo "$best"
}

# Where Debian's jblas package puts its JNI library; jblas loads it from java.library.path
# before falling back to the library inside its jar.
export PURENET_JNI_DIR=/usr/lib/jni

# BLAS on one thread: at these matrix sizes extra threads only add synchronisation.
export OPENBLAS_NUM_THREADS=1
