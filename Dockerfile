# syntax=docker/dockerfile:1
#
# winnowd (and the winnow CLI) in a distroless image: a static, trimmed Go
# binary with the model embedded, running as a non-root user. There is no
# HEALTHCHECK on purpose: Kubernetes probes grpc.health.v1 on the gRPC port
# (deploy/kubernetes). This file is not built in CI (no container engine
# runs there); deploy/dockerfile_test.go parses it and checks these rules.
#
#   docker build -t winnowd .
#   docker run --rm -p 7390:7390 -p 7391:7391 -p 9090:9090 winnowd

# Build on the builder's own platform and cross-compile: no emulation.
FROM --platform=$BUILDPLATFORM golang:1.26-bookworm AS build
WORKDIR /src
# Dependencies first, so editing a source file does not refetch modules.
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod \
    go mod download
COPY . .
ARG TARGETOS=linux
ARG TARGETARCH=amd64
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH \
    go build -trimpath -buildvcs=false -ldflags='-s -w' -o /out/ ./cmd/winnowd ./cmd/winnow

# distroless/static has no shell and no package manager; :nonroot runs as
# uid 65532. The model is inside the binary (go:embed), so nothing else is
# copied.
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/winnowd /out/winnow /usr/local/bin/
USER 65532:65532
# In a container winnowd listens on every interface, not loopback. Every
# flag can be set the same way (WINNOWD_ + its name); arguments override.
ENV WINNOWD_LISTEN=0.0.0.0:7390 \
    WINNOWD_HTTP_LISTEN=0.0.0.0:7391 \
    WINNOWD_METRICS_LISTEN=0.0.0.0:9090
# 7390: gRPC (winnow.v1.ClassifierService, grpc.health.v1, reflection).
# 7391: HTTP/JSON gateway, /openapi.json and the moderation view.
# 9090: Prometheus /metrics.
EXPOSE 7390 7391 9090
ENTRYPOINT ["/usr/local/bin/winnowd"]
