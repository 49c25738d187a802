// Command winnow classifies news pages from the terminal, in bulk, trains
// models and evaluates them.
//
// Usage:
//
//	winnow classify [flags] [FILE|URL|-]...   (--format text|json|jsonl|blocks|html)
//	winnow batch --in INPUT --out OUTPUT.jsonl [flags]
//	winnow train [model|splitter] [flags]
//	winnow eval [flags]
//	winnow completion bash|zsh|fish|powershell
//	winnow --version
//
// Every command takes --help (with examples). Exit codes: 0 ok, 1 usage,
// 2 bad input, 3 server or network error (batch: 130 when interrupted).
// Errors are printed on stderr as one line.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/winnowhq/winnow/internal/modelload"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// Exit codes, a stable contract for scripts and benchmarks.
const (
	exitOK       = 0
	exitUsage    = 1
	exitBadInput = 2
	exitServer   = 3
)

// exitError ends a command with a code; its message, if any, was printed.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit %d", e.code) }

// exit turns a command's exit code into its RunE error.
func exit(code int) error {
	if code == exitOK {
		return nil
	}
	return exitError{code}
}

// app is what every command writes to and reads from.
type app struct {
	ctx            context.Context
	args           []string // as given, for reports that name their command
	stdin          io.Reader
	stdout, stderr io.Writer
}

// run is the whole program; main only wires the process to it.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	a := &app{ctx: ctx, args: args, stdin: stdin, stdout: stdout, stderr: stderr}
	root := a.root()
	root.SetArgs(args)
	if len(args) == 0 {
		root.InitDefaultHelpCmd()
		root.InitDefaultCompletionCmd()
		root.SetOut(stderr)
		root.Usage()
		return exitUsage
	}
	err := root.ExecuteContext(ctx)
	var ee exitError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ee):
		return ee.code
	}
	// cobra's own errors: an unknown command or a bad argument count.
	fmt.Fprintf(stderr, "winnow: %s (see winnow --help)\n", strings.TrimSpace(err.Error()))
	return exitUsage
}

// root builds the command tree.
func (a *app) root() *cobra.Command {
	root := &cobra.Command{
		Use:   "winnow",
		Short: "Separate the article in a news page from the chaff around it",
		Long: `winnow labels every block of a news page (HTML or plain text, any charset)
as article content or boilerplate, prints the clean article text, classifies
corpora in bulk, and trains and evaluates the model.

Exit codes: 0 ok, 1 usage, 2 bad input, 3 server or network error.`,
		Version:           version(),
		SilenceUsage:      true,
		SilenceErrors:     true,
		CompletionOptions: cobra.CompletionOptions{HiddenDefaultCmd: false},
	}
	root.SetIn(a.stdin)
	root.SetOut(a.stdout)
	root.SetErr(a.stderr)
	cobra.AddTemplateFunc("embeddedModel", embeddedModel)
	root.SetVersionTemplate("{{.Version}}\nembedded model: {{embeddedModel}}\n")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		fmt.Fprintf(a.stderr, "%s: %v (see %s --help)\n", c.CommandPath(), err, c.CommandPath())
		return exitError{exitUsage}
	})
	root.AddCommand(a.classifyCmd(), a.batchCmd(), a.trainCmd(), a.evalCmd())
	return root
}

// embeddedModel names the embedded model for --version; the model is
// loaded only when the version is printed.
func embeddedModel() string {
	cls, err := modelload.Classifier("")
	if err != nil {
		return "cannot be loaded: " + err.Error()
	}
	return cls.Info().Version
}

// version describes the build: the module version and VCS revision
// recorded by the go command.
func version() string {
	v := "winnow (devel)"
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return v
	}
	if bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		v = "winnow " + bi.Main.Version
	}
	var rev, modified string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = "+dirty"
			}
		}
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if rev != "" {
		v += " commit " + rev + modified
	}
	return v + " " + bi.GoVersion
}

// failer prints "winnow CMD: message" on stderr and returns code.
func (a *app) failer(cmd string) func(code int, format string, args ...any) int {
	return func(code int, format string, args ...any) int {
		msg := strings.Join(strings.Fields(fmt.Sprintf(format, args...)), " ")
		fmt.Fprintln(a.stderr, "winnow "+cmd+": "+msg)
		return code
	}
}

// flagChanged reports whether the user set a flag.
func flagChanged(fs *pflag.FlagSet, name string) bool {
	f := fs.Lookup(name)
	return f != nil && f.Changed
}

// complete registers the values of a flag for shell completion.
func complete(cmd *cobra.Command, flag string, values ...string) {
	cmd.RegisterFlagCompletionFunc(flag, cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp))
}
