package main

import (
	"context"
	"fmt"
	"io"
)

// runTrain implements `winnow train`. Owned by the model work (issue 4).
func runTrain(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "winnow train: not implemented yet")
	return 1
}
