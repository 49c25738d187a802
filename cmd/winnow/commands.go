package main

import "github.com/spf13/cobra"

// trainCmd and evalCmd hand their arguments to the commands' own flag
// parsing.
func (a *app) trainCmd() *cobra.Command {
	return &cobra.Command{
		Use:                "train [flags]",
		Short:              "Train a model",
		DisableFlagParsing: true,
		RunE: func(c *cobra.Command, args []string) error {
			return exit(runTrain(a.ctx, args, a.stdin, a.stdout, a.stderr))
		},
	}
}

func (a *app) evalCmd() *cobra.Command {
	return &cobra.Command{
		Use:                "eval [flags]",
		Short:              "Evaluate a model",
		DisableFlagParsing: true,
		RunE: func(c *cobra.Command, args []string) error {
			return exit(runEval(a.ctx, args, a.stdin, a.stdout, a.stderr))
		},
	}
}
