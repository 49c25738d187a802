package main

import (
	"context"
	"fmt"
	"io"
)

// runEval implements `winnow eval`. Owned by the model work (issue 4).
func runEval(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "winnow eval: not implemented yet")
	return 1
}
