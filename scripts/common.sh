# Shared set-up for ./purenet and ./run-tests. Sourced, not run.

# jblas's bundled BLAS links against libgfortran.so.5 (Debian/Ubuntu package libgfortran5).
ensure_libgfortran() {
  if ldconfig -p 2>/dev/null | grep -q 'libgfortran\.so\.5'; then
    return 0
  fi
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "purenet: installing libgfortran5 (needed by jblas's native BLAS)" >&2
    local log
    log="$(mktemp)"
    if ! { DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
           DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libgfortran5; } >"$log" 2>&1; then
      cat "$log" >&2
      rm -f "$log"
      echo "purenet: could not install libgfortran5; run: apt-get install libgfortran5" >&2
      exit 1
    fi
    rm -f "$log"
    return 0
  fi
  echo "purenet: jblas needs the GNU Fortran runtime; run: sudo apt-get install libgfortran5" >&2
  exit 1
}

ensure_tools() {
  for tool in java mvn; do
    if ! command -v "$tool" >/dev/null 2>&1; then
      echo "purenet: '$tool' was not found; install a JDK 17+ and Maven 3.8+" >&2
      exit 1
    fi
  done
}

# BLAS on one thread: at these matrix sizes extra threads only add synchronisation.
export OPENBLAS_NUM_THREADS=1
