// Command winnow classifies news pages from the terminal, trains models and
// evaluates them.
package main

import (
	"context"
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

// run is the whole program; main only wires the process to it.
// PLACEHOLDER: the foundation work (issue 2) owns this file.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		switch args[0] {
		case "train":
			return runTrain(ctx, args[1:], stdin, stdout, stderr)
		case "eval":
			return runEval(ctx, args[1:], stdin, stdout, stderr)
		}
	}
	io.WriteString(stderr, "usage: winnow classify|train|eval ...\n")
	return 1
}
