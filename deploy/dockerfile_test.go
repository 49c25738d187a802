package deploy

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/patternmatcher"
	"github.com/moby/patternmatcher/ignorefile"
)

// dockerfile is a Dockerfile parsed into stages by buildkit's own front
// end, with its parse-time lint rules on.
type dockerfile struct {
	stages []instructions.Stage
}

// parseDockerfile parses data; lint findings and parser warnings are
// returned as problems.
func parseDockerfile(data []byte) (dockerfile, []string, error) {
	var problems []string
	res, err := parser.Parse(bytes.NewReader(data))
	if err != nil {
		return dockerfile{}, nil, err
	}
	for _, w := range res.Warnings {
		problems = append(problems, "parser warning: "+w.Short)
	}
	lint := linter.New(&linter.Config{Warn: func(rule, desc, url, msg string, loc []parser.Range) {
		line := 0
		if len(loc) > 0 {
			line = loc[0].Start.Line
		}
		problems = append(problems, fmt.Sprintf("lint %s (line %d): %s", rule, line, msg))
	}})
	stages, _, err := instructions.Parse(res.AST, lint)
	if err != nil {
		return dockerfile{}, nil, err
	}
	return dockerfile{stages: stages}, problems, nil
}

func (d dockerfile) final() instructions.Stage { return d.stages[len(d.stages)-1] }

// commands returns the stage's commands of type T.
func commands[T instructions.Command](s instructions.Stage) []T {
	var out []T
	for _, c := range s.Commands {
		if v, ok := c.(T); ok {
			out = append(out, v)
		}
	}
	return out
}

// dockerfileProblems checks the rules the image must keep, since no
// container engine runs in CI to build it: multi-stage, a Go builder at
// least as new as go.mod's go line, a static trimmed build with a module
// cache, a distroless (or scratch) final stage running as a numeric
// non-root user, no HEALTHCHECK, winnowd copied from the builder as the
// exec-form entrypoint, and EXPOSE naming exactly the ports winnowd
// listens on in the image (flags holds winnowd's flags).
func dockerfileProblems(data []byte, gomod []byte, flags map[string]flagInfo) []string {
	d, problems, err := parseDockerfile(data)
	if err != nil {
		return []string{err.Error()}
	}
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	if len(d.stages) < 2 {
		bad("%d stage(s); want a builder stage and a runtime stage", len(d.stages))
		return problems
	}
	build := d.stages[0]
	if m := regexp.MustCompile(`^golang:(\d+)\.(\d+)`).FindStringSubmatch(build.BaseName); m == nil {
		bad("builder stage FROM %s: want golang:MAJOR.MINOR...", build.BaseName)
	} else if g := regexp.MustCompile(`(?m)^go (\d+)\.(\d+)`).FindSubmatch(gomod); g == nil {
		bad("go.mod has no go line")
	} else {
		img := [2]int{atoi(m[1]), atoi(m[2])}
		mod := [2]int{atoi(string(g[1])), atoi(string(g[2]))}
		if img[0] < mod[0] || img[0] == mod[0] && img[1] < mod[1] {
			bad("builder %s is older than go.mod's go %d.%d", build.BaseName, mod[0], mod[1])
		}
	}

	var buildRun *instructions.RunCommand
	for _, r := range commands[*instructions.RunCommand](build) {
		if strings.Contains(strings.Join(r.CmdLine, " "), "go build") {
			buildRun = r
		}
	}
	if buildRun == nil {
		bad("no RUN go build in the builder stage")
	} else {
		line := strings.Join(buildRun.CmdLine, " ")
		for _, want := range []string{"CGO_ENABLED=0", "-trimpath", "./cmd/winnowd"} {
			if !strings.Contains(line, want) {
				bad("go build line lacks %s: %s", want, line)
			}
		}
		// Mounts are parsed when the command is expanded; the values here
		// use no build arguments, so expand each word to itself.
		if err := buildRun.Expand(func(w string) (string, error) { return w, nil }); err != nil {
			bad("RUN go build: %v", err)
		}
		var targets []string
		for _, m := range instructions.GetMounts(buildRun) {
			if m.Type == instructions.MountTypeCache {
				targets = append(targets, m.Target)
			}
		}
		if !slices.Contains(targets, "/go/pkg/mod") {
			bad("go build has cache mounts %v; want the module cache /go/pkg/mod", targets)
		}
	}

	final := d.final()
	if base := final.BaseName; base != "scratch" && !strings.HasPrefix(base, "gcr.io/distroless/static") {
		bad("final stage FROM %s, want distroless static or scratch", base)
	}
	if users := commands[*instructions.UserCommand](final); len(users) == 0 {
		bad("final stage sets no USER")
	} else {
		u := users[len(users)-1].User
		uid, _, _ := strings.Cut(u, ":")
		if n, err := strconv.Atoi(uid); err != nil {
			bad("USER %s: want a numeric uid (Kubernetes' runAsNonRoot can only verify a number)", u)
		} else if n == 0 {
			bad("USER %s is root", u)
		}
	}
	for _, s := range d.stages {
		if hc := commands[*instructions.HealthCheckCommand](s); len(hc) > 0 {
			bad("stage %q has a HEALTHCHECK; probes come from Kubernetes", s.Name)
		}
	}

	if eps := commands[*instructions.EntrypointCommand](final); len(eps) == 0 {
		bad("no ENTRYPOINT")
	} else if ep := eps[len(eps)-1]; ep.PrependShell || len(ep.CmdLine) == 0 || filepath.Base(ep.CmdLine[0]) != "winnowd" {
		bad("ENTRYPOINT %v: want winnowd in exec form", ep.CmdLine)
	} else {
		copied := false
		for _, c := range commands[*instructions.CopyCommand](final) {
			if c.From == "" || !(c.DestPath == ep.CmdLine[0] || strings.HasSuffix(c.DestPath, "/") && c.DestPath+"winnowd" == ep.CmdLine[0]) {
				continue
			}
			copied = true
			if !slices.ContainsFunc(d.stages, func(s instructions.Stage) bool { return s.Name == c.From }) {
				bad("COPY --from=%s: no such stage", c.From)
			}
		}
		if !copied {
			bad("nothing copies %s from the builder", ep.CmdLine[0])
		}
	}

	want, errs := imagePorts(d, flags)
	problems = append(problems, errs...)
	var got []int
	for _, e := range commands[*instructions.ExposeCommand](final) {
		for _, p := range e.Ports {
			port, _, _ := strings.Cut(p, "/")
			got = append(got, atoi(port))
		}
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		bad("EXPOSE %v; winnowd listens on %v in the image", got, want)
	}
	return problems
}

// imageConfig is what the image gives winnowd: ENV and CMD of the final
// stage.
type imageConfig struct {
	env map[string]string
	cmd []string
}

func (d dockerfile) config() imageConfig {
	final := d.final()
	ic := imageConfig{env: map[string]string{}}
	for _, e := range commands[*instructions.EnvCommand](final) {
		for _, kv := range e.Env {
			ic.env[kv.Key] = kv.Value
		}
	}
	if cmds := commands[*instructions.CmdCommand](final); len(cmds) > 0 {
		ic.cmd = cmds[len(cmds)-1].CmdLine
	}
	return ic
}

// flagValue returns a flag's value in the image: from CMD, else from its
// WINNOWD_* variable (when winnowd reads them), else its default.
func (ic imageConfig) flagValue(f flagInfo) string {
	if v, ok := argValue(ic.cmd, f.Name); ok {
		return v
	}
	if v, ok := ic.env[f.envName()]; ok && winnowdEnv {
		return v
	}
	return f.Default
}

// imagePorts returns the ports winnowd listens on in the image, sorted:
// for every listen flag, the address the image sets or else the flag's
// default; an empty address listens nowhere. An address on loopback is a
// problem: nothing outside the container could reach it.
func imagePorts(d dockerfile, flags map[string]flagInfo) ([]int, []string) {
	ic := d.config()
	var ports []int
	var problems []string
	for _, f := range listenFlags(flags) {
		addr := ic.flagValue(f)
		if addr == "" {
			continue
		}
		if isLoopback(addr) {
			problems = append(problems, fmt.Sprintf("--%s is %s in the image: loopback is unreachable from outside the container", f.Name, addr))
		}
		ports = append(ports, portOf(addr))
	}
	slices.Sort(ports)
	return ports, problems
}

func isLoopback(addr string) bool {
	return strings.HasPrefix(addr, "127.") || strings.HasPrefix(addr, "localhost:") || strings.HasPrefix(addr, "[::1]")
}

// argValue finds --name V, --name=V, -name V or -name=V in args.
func argValue(args []string, name string) (string, bool) {
	for i, a := range args {
		for _, p := range []string{"--" + name, "-" + name} {
			if a == p && i+1 < len(args) {
				return args[i+1], true
			}
			if v, ok := strings.CutPrefix(a, p+"="); ok {
				return v, true
			}
		}
	}
	return "", false
}

// readRepoFile reads a file of the checked checkout (-repo).
func readRepoFile(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(*repo, name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// readDeployFile reads a deployment file at the root of the repository
// this module is in (Dockerfile, .dockerignore), whichever checkout -repo
// names.
func readDeployFile(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestDockerfile checks the repository's Dockerfile.
func TestDockerfile(t *testing.T) {
	for _, p := range dockerfileProblems(readDeployFile(t, "Dockerfile"), readRepoFile(t, "go.mod"), winnowd(t)) {
		t.Error(p)
	}
}

// TestDockerfileRules breaks the repository's Dockerfile one rule at a time
// and checks that dockerfileProblems notices.
func TestDockerfileRules(t *testing.T) {
	good := string(readDeployFile(t, "Dockerfile"))
	gomod := readRepoFile(t, "go.mod")
	flags := winnowd(t)
	finalFrom := regexp.MustCompile(`(?m)^FROM gcr\.io/distroless/\S+`)
	tests := []struct {
		name string
		edit func(string) string
		want string // a substring of one of the problems
	}{
		{"healthcheck", func(s string) string {
			return s + "HEALTHCHECK CMD [\"/usr/local/bin/winnow\", \"--version\"]\n"
		}, "HEALTHCHECK"},
		{"root user", func(s string) string { return strings.Replace(s, "USER 65532:65532", "USER 0", 1) }, "is root"},
		{"named user", func(s string) string { return strings.Replace(s, "USER 65532:65532", "USER nonroot", 1) }, "numeric uid"},
		{"cgo", func(s string) string { return strings.Replace(s, "CGO_ENABLED=0", "CGO_ENABLED=1", 1) }, "lacks CGO_ENABLED=0"},
		{"no trimpath", func(s string) string { return strings.Replace(s, "-trimpath ", "", 1) }, "lacks -trimpath"},
		{"no module cache", func(s string) string {
			return strings.Replace(s, "RUN --mount=type=cache,target=/go/pkg/mod \\\n    --mount=type=cache,target=/root/.cache/go-build", "RUN --mount=type=cache,target=/root/.cache/go-build", 1)
		}, "module cache"},
		{"fat base", func(s string) string { return finalFrom.ReplaceAllString(s, "FROM debian:bookworm") }, "want distroless"},
		{"one stage", func(s string) string {
			return "FROM golang:1.26\nCOPY . .\nRUN CGO_ENABLED=0 go build -trimpath ./cmd/winnowd\nENTRYPOINT [\"winnowd\"]\n"
		}, "1 stage(s)"},
		{"old go", func(s string) string { return strings.Replace(s, "golang:1.26", "golang:1.21", 1) }, "older than go.mod"},
		{"extra port", func(s string) string { return strings.Replace(s, "EXPOSE ", "EXPOSE 8080 ", 1) }, "EXPOSE ["},
		{"loopback", func(s string) string {
			return strings.Replace(s, "WINNOWD_LISTEN=0.0.0.0:", "WINNOWD_LISTEN=127.0.0.1:", 1)
		}, "loopback"},
		{"shell entrypoint", func(s string) string {
			return regexp.MustCompile(`(?m)^ENTRYPOINT .*$`).ReplaceAllString(s, "ENTRYPOINT /usr/local/bin/winnowd")
		}, "exec form"},
		{"lint", func(s string) string { return strings.Replace(s, " AS build", " as build", 1) }, "lint FromAsCasing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bad := tt.edit(good)
			if bad == good {
				t.Fatal("the edit changed nothing: the Dockerfile no longer has what this case edits")
			}
			problems := dockerfileProblems([]byte(bad), gomod, flags)
			if !slices.ContainsFunc(problems, func(p string) bool { return strings.Contains(p, tt.want) }) {
				t.Errorf("problems %q; want one containing %q", problems, tt.want)
			}
		})
	}
}

// TestDockerignore checks that the build context keeps every file that
// `go build ./cmd/winnowd ./cmd/winnow` reads (Go sources, embedded files
// such as the model, go.mod and go.sum) and leaves out .git and the other
// modules.
func TestDockerignore(t *testing.T) {
	patterns, err := ignorefile.ReadAll(bytes.NewReader(readDeployFile(t, ".dockerignore")))
	if err != nil {
		t.Fatal(err)
	}
	pm, err := patternmatcher.New(patterns)
	if err != nil {
		t.Fatal(err)
	}
	needed := buildInputs(t)
	if !slices.ContainsFunc(needed, func(p string) bool { return strings.HasSuffix(p, ".wnm") }) {
		t.Errorf("the build reads no embedded model (.wnm): %v", needed)
	}
	for _, p := range needed {
		if ex, err := pm.MatchesOrParentMatches(p); err != nil {
			t.Fatal(err)
		} else if ex {
			t.Errorf(".dockerignore excludes %s, which the build needs", p)
		}
	}
	for _, p := range []string{".git/HEAD", "bench/go.mod", "deploy/go.mod"} {
		if ex, _ := pm.MatchesOrParentMatches(p); !ex {
			t.Errorf(".dockerignore keeps %s in the build context", p)
		}
	}
}

// buildInputs lists, relative to the repository root, the files of the main
// module that the image's go build reads for linux with cgo off.
func buildInputs(t *testing.T) []string {
	t.Helper()
	cmd := exec.Command("go", "list", "-C", *repo, "-deps", "-json=Dir,Module,GoFiles,EmbedFiles,OtherFiles,SFiles", "./cmd/winnowd", "./cmd/winnow")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS=linux")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	root, err := filepath.Abs(*repo)
	if err != nil {
		t.Fatal(err)
	}
	files := []string{"go.mod", "go.sum"}
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p struct {
			Dir                                     string
			Module                                  *struct{ Main bool }
			GoFiles, EmbedFiles, OtherFiles, SFiles []string
		}
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		if p.Module == nil || !p.Module.Main {
			continue
		}
		rel, err := filepath.Rel(root, p.Dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, list := range [][]string{p.GoFiles, p.EmbedFiles, p.OtherFiles, p.SFiles} {
			for _, f := range list {
				files = append(files, filepath.ToSlash(filepath.Join(rel, f)))
			}
		}
	}
	return files
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
