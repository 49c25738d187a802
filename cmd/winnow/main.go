// Command winnow classifies news pages from the terminal, trains models and
// evaluates them.
//
// Usage:
//
//	winnow classify [--server ADDR] [--mode auto|html|text] [--format text|json|blocks|html]
//	                [--model FILE] [--explain] [--threshold X] [--timeout D] [FILE|-]
//	winnow train ...
//	winnow eval ...
//
// Exit codes: 0 ok, 1 usage, 2 bad input, 3 server or network error. Errors
// are printed on stderr as one line.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
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

const usage = `usage: winnow COMMAND [flags] [args]

commands:
  classify  label the blocks of a page and print its article text (winnow classify -h)
  train     train a model (winnow train -h)
  eval      evaluate a model (winnow eval -h)

exit codes: 0 ok, 1 usage, 2 bad input, 3 server or network error
`

// run is the whole program; main only wires the process to it.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		io.WriteString(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "classify":
		return runClassify(ctx, args[1:], stdin, stdout, stderr)
	case "train":
		return runTrain(ctx, args[1:], stdin, stdout, stderr)
	case "eval":
		return runEval(ctx, args[1:], stdin, stdout, stderr)
	case "help", "-h", "-help", "--help":
		io.WriteString(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "winnow: unknown command %q (want classify, train or eval)\n", args[0])
	return exitUsage
}
