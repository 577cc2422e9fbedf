# Vigil in a container: the native executable and a Go toolchain.
#
#   scripts/publish.sh --no-tool            # builds dist/vigil-<version>-linux-x64.tar.gz
#   docker build -t vigil .
#   docker run --rm -v "$PWD:/src" -w /src vigil check ./...
#
# The image builds from the files in this repository plus that archive; Go
# comes from Debian's bookworm-backports (Go 1.23), as scripts/ensure-go.sh
# installs it elsewhere.
FROM debian:bookworm-slim
ARG VIGIL_VERSION=0.4.0
RUN set -eux; \
    . /etc/os-release; \
    { sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/*.sources 2>/dev/null || true; \
      sed -n 's/^deb  *\([^ ]*\) .*/\1/p' /etc/apt/sources.list 2>/dev/null || true; } | grep -v security | head -1 > /tmp/mirror; \
    test -s /tmp/mirror; \
    echo "deb $(cat /tmp/mirror) ${VERSION_CODENAME}-backports main" > /etc/apt/sources.list.d/backports.list; \
    apt-get update; \
    apt-get install -y --no-install-recommends -t "${VERSION_CODENAME}-backports" golang-1.23-go; \
    apt-get install -y --no-install-recommends ca-certificates git libssl3; \
    rm -rf /var/lib/apt/lists/* /tmp/mirror
ENV PATH=/usr/lib/go-1.23/bin:$PATH \
    GOTOOLCHAIN=local \
    VIGIL_CACHE=/var/cache/vigil
COPY dist/vigil-${VIGIL_VERSION}-linux-x64.tar.gz /tmp/vigil.tar.gz
RUN set -eux; \
    tar -C /opt -xzf /tmp/vigil.tar.gz; \
    ln -s /opt/vigil-${VIGIL_VERSION}-linux-x64/vigil /usr/local/bin/vigil; \
    rm /tmp/vigil.tar.gz; \
    mkdir -p /var/cache/vigil; \
    vigil version
ENTRYPOINT ["vigil"]
CMD ["check", "./..."]
