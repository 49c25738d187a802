package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/winnowhq/winnow/classifier/model"
	"github.com/winnowhq/winnow/classifier/segment"
	"github.com/winnowhq/winnow/internal/corpus"
	"github.com/winnowhq/winnow/internal/dataset"
	"github.com/winnowhq/winnow/internal/splittrain"
)

// sharedDir finds the shared folder beside the repository root, or
// "../shared" when it cannot.
func sharedDir() string {
	if sh, err := corpus.SharedDir(); err == nil {
		return sh
	}
	return "../shared"
}

const trainLong = `"winnow train model" (or just "winnow train") builds the training data from
the shared corpora and trains a model; "winnow train splitter" trains the
plain-text splitter that classifier/segment embeds. Both are deterministic:
the same data and seed give the same bytes.

Exit codes: 0 ok, 1 usage or failure.`

const trainExamples = `  winnow train --out /tmp/m.wnm                            train a whole new model (1-2 min)
  winnow train --splitter train --out /tmp/m.wnm           retrain the splitter first, then the model
  winnow train --ablation tokens,all --out /tmp/abl.wnm     one model per feature-group spec
  winnow train --page-only classifier/model/default.wnm --out classifier/model/default.wnm
                                                          retrain the embedded model's page model (how it was made)
  winnow train splitter --out classifier/segment/splitter.bin   rebuild the embedded splitter (about a minute)
  winnow train splitter --variant affix --out /tmp/sp.bin  a variant tried for the default`

const trainSplitterLong = `Trains the plain-text splitter from ../shared/corpora and ../shared/persian
(see internal/splittrain) and writes it; the default variant reproduces
classifier/segment/splitter.bin byte for byte.

Exit codes: 0 ok, 1 usage or failure.`

const trainSplitterExamples = `  winnow train splitter --out classifier/segment/splitter.bin
  winnow train splitter --variant base+q25 --out /tmp/splitter-q25.bin`

// trainCmd is "winnow train", the same as "winnow train model", with the
// "model" and "splitter" subcommands.
func (a *app) trainCmd() *cobra.Command {
	cmd := a.trainModelCmd("train", "Train a model (or, with splitter, the plain-text splitter)")
	cmd.AddCommand(a.trainModelCmd("model", "Train a model"), a.trainSplitterCmd())
	return cmd
}

// trainModelCmd is `winnow train [model]`, named use.
func (a *app) trainModelCmd(use, short string) *cobra.Command {
	cmd := &cobra.Command{
		Use:     use + " [flags]",
		Short:   short,
		Long:    trainLong,
		Example: trainExamples,
		Args:    cobra.NoArgs,
	}
	fs := cmd.Flags()
	shared := sharedDir()
	corpora := fs.String("corpora", filepath.Join(shared, "corpora"), "folder of the shared corpora")
	persian := fs.String("persian", filepath.Join(shared, "persian"), `folder of the shared Persian material ("" to skip)`)
	seed := fs.Uint64("seed", 1, "random seed")
	out := fs.String("out", "model.wnm", "model file to write")
	ablation := fs.String("ablation", "all", "feature groups: tokens, tokens+shape, tokens+shape+structure, all; a comma-separated list trains one model per spec on the same data")
	epochs := fs.Int("epochs", 0, "epochs (0: default)")
	bits := fs.Uint("bits", 0, "log2 of the hashed feature space (0: default)")
	maxPages := fs.Int("max-pages", 0, "pages per corpus (0: all), for quick runs")
	noText := fs.Bool("no-text", false, "skip the text-mode renditions")
	clean := fs.Float32("clean", 0, "weight of the clean renditions (an article page's title and body blocks alone, as a scraper that removed the boilerplate saves them) relative to their page; 0: none")
	persianPages := fs.Int("persian-pages", 0, "synthetic Persian pages per training site (0: default 1200)")
	noListings := fs.Bool("no-listings", false, "leave the synthetic Persian listings (pages without an article) out of training")
	version := fs.String("version", "", "model version string")
	splitter := fs.String("splitter", "embedded", `plain-text splitter the model trains with and carries: "embedded" (the one built into segment), "train" (train it first from --corpora and --persian, about a minute), or a splitter file`)
	longSplitter := fs.String("long-splitter", "embedded", `splitter the model cuts the sentences of a page written on one line with, and carries: "embedded" (segment's splitter_long.bin), "none" (the plain-text splitter, as before it), or a splitter file; with --page-only, given explicitly, it replaces BASE's`)
	splitterOut := fs.String("splitter-out", "", "also write the splitter to this file (winnow train splitter does this alone)")
	quiet := fs.BoolP("quiet", "q", false, "no progress on stderr")
	noSpan := fs.Bool("no-span", false, "train without the article-span decoder (the per-block decision alone, as before it)")
	shape2 := fs.Bool("shape2", false, "second-pass layout features (doubled texts, title+summary rhythm, shape runs after the article)")
	minGroups := fs.Int("min-groups", 0, "drop first-pass features seen in fewer than this many training sites (0: keep all)")
	dropout := fs.Float64("token-dropout", 0, "share of training documents repeated without token features (0: none)")
	trainBlank := fs.Bool("train-blank", false, "read the blank line before a text block while training, never when serving, as the shipped block model was trained (fresh models then reproduce its rows)")
	pageOnly := fs.String("page-only", "", "train, then write the model `BASE` with the new page model instead of the trained one: BASE's block model, thresholds and splitters byte for byte (its long-line splitter unless --long-splitter is given), the page model's article cuts fitted on BASE's first pass")
	recal := fs.String("recalibrate", "", "recalibrate this model `FILE` on the dev split (temperature, per-script thresholds, page article cut) without retraining its weights, and write it to --out")
	cmd.RunE = func(*cobra.Command, []string) error {
		ctx, stdout, stderr := a.ctx, a.stdout, a.stderr
		return exit(func() int {
			if *recal != "" {
				return recalibrate(ctx, *recal, *out, *corpora, *persian, *seed, stdout, stderr, *quiet)
			}
			specs := strings.Split(*ablation, ",")
			var groups []int
			for _, sp := range specs {
				g, ok := model.ParseGroups(sp)
				if !ok {
					fmt.Fprintf(stderr, "winnow train: bad --ablation %q (want tokens, tokens+shape, tokens+shape+structure or all)\n", sp)
					return exitUsage
				}
				groups = append(groups, g)
			}
			logf := func(format string, a ...any) {
				if !*quiet {
					fmt.Fprintf(stderr, format+"\n", a...)
				}
			}
			var base *model.Model
			if *pageOnly != "" {
				if len(groups) > 1 {
					fmt.Fprintln(stderr, "winnow train: --page-only trains one model: give one --ablation spec")
					return exitUsage
				}
				if *version != "" {
					fmt.Fprintln(stderr, "winnow train: --page-only keeps BASE's version name with a new hash: leave out --version")
					return exitUsage
				}
				var err error
				if base, err = readModel(*pageOnly); err != nil {
					fmt.Fprintf(stderr, "winnow train: --page-only: %v\n", err)
					return 1
				}
			}
			if base != nil && fs.Changed("long-splitter") {
				// --page-only with another long-line splitter: BASE's
				// block model cuts pages written on one line with it
				lsp, err := loadLongSplitter(*longSplitter)
				if err != nil {
					fmt.Fprintf(stderr, "winnow train: %v\n", err)
					return 1
				}
				base = base.WithLongSplitter(lsp)
			}
			sp, lsp, err := trainSplitters(base, *splitter, *longSplitter, *corpora, *persian, logf)
			if err != nil {
				fmt.Fprintf(stderr, "winnow train: %v\n", err)
				return 1
			}
			if *splitterOut != "" {
				b, err := sp.MarshalBinary()
				if err == nil {
					err = os.WriteFile(*splitterOut, b, 0o644)
				}
				if err != nil {
					fmt.Fprintf(stderr, "winnow train: %v\n", err)
					return 1
				}
				logf("wrote the splitter to %s (%d bytes)", *splitterOut, len(b))
			}
			t0 := time.Now()
			data, err := dataset.Build(ctx, dataset.Options{
				Corpora: *corpora, Persian: *persian, Seed: *seed, NoText: *noText, Clean: *clean,
				MaxPages: *maxPages, PersianPages: *persianPages, NoListings: *noListings, Splitter: sp, LongSplitter: lsp, Log: logf,
			})
			if err != nil {
				fmt.Fprintf(stderr, "winnow train: %v\n", err)
				return 1
			}
			logf("data built in %v: %d train docs, %d dev docs", time.Since(t0).Round(time.Millisecond), len(data.Train), len(data.Dev))
			// several ablation specs train several models on the same data; each
			// goes to out.<spec> (the last one also to out)
			for i, g := range groups {
				name := *out
				if len(groups) > 1 {
					name = *out + "." + strings.ReplaceAll(specs[i], "+", "_")
				}
				if code := trainOne(ctx, data, sp, lsp, base, g, specs[i], name, *seed, *epochs, *bits, *version, model.Config{Shape2: *shape2, TokenDropout: *dropout, NoSpan: *noSpan, MinGroups: *minGroups, TrainBlank: *trainBlank}, logf, stdout, stderr); code != 0 {
					return code
				}
			}
			return 0
		}())
	}
	return cmd
}

// trainSplitters returns the splitters a training run segments its text
// with: base's (the model --page-only keeps, whose first pass must see
// the text cut as when it was trained), or those --splitter and
// --long-splitter name.
func trainSplitters(base *model.Model, splitter, longSplitter, corpora, persian string, logf func(string, ...any)) (sp, lsp *segment.Splitter, err error) {
	if base != nil {
		if sp = base.Splitter(); sp == nil {
			sp = segment.DefaultSplitter()
		}
		return sp, base.LongSplitter(), nil
	}
	if sp, err = loadSplitter(splitter, corpora, persian, logf); err != nil {
		return nil, nil, err
	}
	lsp, err = loadLongSplitter(longSplitter)
	return sp, lsp, err
}

// readModel reads and decodes a model file.
func readModel(name string) (*model.Model, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	return model.Decode(b)
}

// loadLongSplitter returns the splitter --long-splitter names (nil for
// "none").
func loadLongSplitter(name string) (*segment.Splitter, error) {
	switch name {
	case "embedded", "":
		return segment.DefaultLongSplitter(), nil
	case "none":
		return nil, nil
	}
	return readSplitter(name, "long-line splitter")
}

// readSplitter reads a splitter file.
func readSplitter(name, what string) (*segment.Splitter, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	var sp segment.Splitter
	if err := sp.UnmarshalBinary(b); err != nil {
		return nil, fmt.Errorf("%s %s: %w", what, name, err)
	}
	return &sp, nil
}

// loadSplitter returns the splitter --splitter names.
func loadSplitter(name, corpora, persian string, logf func(string, ...any)) (*segment.Splitter, error) {
	switch name {
	case "embedded", "":
		return segment.DefaultSplitter(), nil
	case "train":
		t0 := time.Now()
		sp, err := splittrain.Train(corpora, persian, "", logf)
		if err != nil {
			return nil, fmt.Errorf("splitter: %w", err)
		}
		logf("splitter trained in %v", time.Since(t0).Round(time.Millisecond))
		return sp, nil
	}
	return readSplitter(name, "splitter")
}

func trainOne(ctx context.Context, data model.Data, sp, lsp *segment.Splitter, base *model.Model, groups int, spec, out string, seed uint64, epochs int, bits uint, version string, extra model.Config, logf func(string, ...any), stdout, stderr io.Writer) int {
	t1 := time.Now()
	v := version
	if v == "" {
		v = fmt.Sprintf("winnow-%s-seed%d", spec, seed)
	}
	m, err := model.Train(ctx, data, model.Config{Seed: seed, Groups: groups, Epochs: epochs, Bits: bits, Version: v, Log: logf,
		Shape2: extra.Shape2, TokenDropout: extra.TokenDropout, NoSpan: extra.NoSpan, MinGroups: extra.MinGroups, TrainBlank: extra.TrainBlank})
	if err == nil {
		// The text renditions were segmented with sp: the model file
		// carries it, so that text input is cut as in training whatever
		// segment's default later becomes.
		m = m.WithSplitter(sp).WithLongSplitter(lsp)
	}
	if err == nil && base != nil {
		// --page-only: base with the new page model, stamped anew
		m, err = model.WithPageModel(base, m, data.Dev)
	} else if err == nil && version == "" {
		// Without --version, the version names the weights too.
		m, err = m.Stamped(v)
	}
	if err != nil {
		fmt.Fprintf(stderr, "winnow train: %v\n", err)
		return 1
	}
	logf("trained in %v", time.Since(t1).Round(time.Millisecond))
	if err := writeModel(m, out); err != nil {
		fmt.Fprintf(stderr, "winnow train: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "wrote %s (version %s, ablation %s, threshold %.3f, trained in %v)\n", out, m.Info().Version, spec, m.Threshold(), time.Since(t1).Round(time.Second))
	printMetrics(stdout, m.Info().Metrics)
	return 0
}

// writeModel encodes m into the file out.
func writeModel(m *model.Model, out string) error {
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	if err := m.Encode(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// printMetrics prints a model's stored dev metrics, one per line, sorted.
func printMetrics(w io.Writer, metrics map[string]float64) {
	for _, k := range sortedKeys(metrics) {
		fmt.Fprintf(w, "  %s = %.4f\n", k, metrics[k])
	}
}

// trainSplitterCmd is `winnow train splitter`.
func (a *app) trainSplitterCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "splitter [flags]",
		Short:   "Train the plain-text splitter",
		Long:    trainSplitterLong,
		Example: trainSplitterExamples,
		Args:    cobra.NoArgs,
	}
	fs := cmd.Flags()
	shared := sharedDir()
	corpora := fs.String("corpora", filepath.Join(shared, "corpora"), "folder of the shared corpora")
	persian := fs.String("persian", filepath.Join(shared, "persian"), "folder of the shared Persian material")
	variant := fs.String("variant", "", `recipe: "" or base (the default), affix, affix1, affix3, suffix, suffix2+prefix1, suffix3+prefix1, optionally -l2e3 or -l2e2, then +qNN, +pagesN (N one-line Persian training pages per site), +notable`)
	out := fs.String("out", "splitter.bin", "splitter file to write")
	quiet := fs.BoolP("quiet", "q", false, "no progress on stderr")
	cmd.RunE = func(*cobra.Command, []string) error {
		stdout, stderr := a.stdout, a.stderr
		return exit(func() int {
			logf := func(format string, a ...any) {
				if !*quiet {
					fmt.Fprintf(stderr, format+"\n", a...)
				}
			}
			t0 := time.Now()
			sp, err := splittrain.Train(*corpora, *persian, *variant, logf)
			var b []byte
			if err == nil {
				b, err = sp.MarshalBinary()
			}
			if err == nil {
				err = os.WriteFile(*out, b, 0o644)
			}
			if err != nil {
				fmt.Fprintf(stderr, "winnow train splitter: %v\n", err)
				return exitUsage
			}
			fmt.Fprintf(stdout, "wrote %s (%d bytes, trained in %v)\n", *out, len(b), time.Since(t0).Round(time.Second))
			return exitOK
		}())
	}
	return cmd
}

// recalibrate implements `winnow train --recalibrate FILE`.
func recalibrate(ctx context.Context, in, out, corpora, persian string, seed uint64, stdout, stderr io.Writer, quiet bool) int {
	fail := func(err error) int {
		fmt.Fprintf(stderr, "winnow train: %v\n", err)
		return 1
	}
	m, err := readModel(in)
	if err != nil {
		return fail(err)
	}
	sp := m.Splitter()
	if sp == nil {
		sp = segment.DefaultSplitter()
	}
	logf := func(format string, a ...any) {
		if !quiet {
			fmt.Fprintf(stderr, format+"\n", a...)
		}
	}
	data, err := dataset.Build(ctx, dataset.Options{Corpora: corpora, Persian: persian, Seed: seed, Splitter: sp, DevOnly: true, Log: logf})
	if err != nil {
		return fail(err)
	}
	r, err := model.Recalibrate(m, data.Dev)
	if err != nil {
		return fail(err)
	}
	if err := writeModel(r, out); err != nil {
		return fail(err)
	}
	fmt.Fprintf(stdout, "wrote %s (version %s, recalibrated on %d dev docs)\n", out, r.Info().Version, len(data.Dev))
	printMetrics(stdout, r.Info().Metrics)
	return 0
}
