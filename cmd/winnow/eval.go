package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/winnowhq/winnow/internal/corpus"
	"github.com/winnowhq/winnow/internal/evalrun"
	"github.com/winnowhq/winnow/internal/modelload"
)

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

const evalLong = `Scores a model (the embedded one, or --model FILE) on the shared corpora, the
synthetic Persian dev pages and the seed example, per corpus, mode and
language, and writes the markdown report.

Exit codes: 0 ok, 1 usage or failure.`

const evalExamples = `  winnow eval -q --out docs/quality.md                  the report in docs/quality.md
  winnow eval -q --out /tmp/r.md --pages /tmp/p.jsonl   the report and every page's scores
  winnow eval -q --model /tmp/m.wnm --out /tmp/m.md --against /tmp/p.jsonl   the pages a new model moved
  winnow eval --sets l3s_gn1 --modes html --max-pages 50    a quick look at one corpus
  winnow eval --model /tmp/m.wnm --sets persian,seed     a retrained model on the Persian sets`

// evalCmd is `winnow eval`: it scores a model on the shared corpora,
// the Persian dev pages and the seed example, and writes docs/quality.md.
func (a *app) evalCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "eval [flags]",
		Short:   "Evaluate a model on the shared corpora",
		Long:    evalLong,
		Example: evalExamples,
		Args:    cobra.NoArgs,
	}
	fs := cmd.Flags()
	shared := sharedDir()
	corpora := fs.String("corpora", filepath.Join(shared, "corpora"), "folder of the shared corpora")
	persian := fs.String("persian", filepath.Join(shared, "persian"), "folder of the shared Persian material")
	examples := fs.String("examples", filepath.Join(shared, "examples"), "folder of the seed example")
	sets := fs.String("sets", "", `comma-separated sets (default: every corpus, then "persian", "persian-heldout" and "seed")`)
	keep := fs.Bool("keep-content", false, "keep the content of pages judged to hold no article (scores the block model alone)")
	noURL := fs.Bool("no-url", false, "classify the corpus pages without their addresses, as a caller that sends none")
	modes := fs.String("modes", "html,text,titled,markdown,markdown-wrapped,markdown-turndown,dump,nodes,textcontent,clean,brief,fragment", "comma-separated modes: html, text (the page's visible text), titled (the same with the page's og:title or <title> sent as the title hint), markdown (the page as markdown), markdown-wrapped (the same hard-wrapped at 78 runes), markdown-turndown (the same as turndown writes it: underlined headings, escaped marks), dump (the page as lynx -dump writes it: indented, wrapped, numbered links and their addresses after the text), nodes (the page's text nodes one a line, as BeautifulSoup's get_text(\"\\n\", strip=True) writes them), textcontent (the same run together, as get_text() without a separator and the DOM's textContent write them), clean (an article's gold text alone, as text), brief (its headline and first paragraph alone), fragment (the brief as an HTML fragment: <h1> and <p>, no <head>)")
	modelFile := fs.String("model", "", "model file (default: the embedded model)")
	out := fs.String("out", "", `write the markdown report here (e.g. docs/quality.md); "" prints it`)
	pages := fs.String("pages", "", "also write every scored page's scores here, one JSON object a line (set, mode, id, lang, type, precision, recall, f1, has_article, page_kind, units, units_right, error): two runs' files compared page by page show what a change moved")
	against := fs.String("against", "", "a --pages file of an earlier run: print the pages whose F1 moved by 0.01 or more, or whose article presence flipped, against it (markdown on stdout after the report: pages up and down per set and mode, then the largest moves)")
	seed := fs.Uint64("seed", 1, "seed of the synthetic Persian dev pages")
	maxPages := fs.Int("max-pages", 0, "pages per set (0: all)")
	threshold := fs.Float64("threshold", 0, "content threshold (0: the model's)")
	quiet := fs.BoolP("quiet", "q", false, "no progress on stderr")
	cmd.RunE = func(*cobra.Command, []string) error {
		ctx, stdout, stderr := a.ctx, a.stdout, a.stderr
		return exit(func() int {
			// the earlier run's pages are read first: a bad file fails
			// before the evaluation, not after it
			var before []evalrun.PageScore
			if *against != "" {
				var err error
				if before, err = readPageScores(*against); err != nil {
					fmt.Fprintf(stderr, "winnow eval: %v\n", err)
					return 1
				}
			}
			c, err := modelload.Classifier(*modelFile)
			if err != nil {
				fmt.Fprintf(stderr, "winnow eval: %v\n", err)
				return 1
			}
			opt := evalrun.Options{Corpora: *corpora, Persian: *persian, Examples: *examples, Seed: *seed, MaxPages: *maxPages, Threshold: *threshold, KeepContent: *keep, NoURL: *noURL}
			if *sets != "" {
				opt.Sets = strings.Split(*sets, ",")
			} else {
				dirs, err := corpus.Sets(*corpora)
				if err != nil {
					fmt.Fprintf(stderr, "winnow eval: %v\n", err)
					return 1
				}
				for _, d := range dirs {
					opt.Sets = append(opt.Sets, filepath.Base(d))
				}
				opt.Sets = append(opt.Sets, "persian", "persian-heldout", "seed")
			}
			opt.Modes = strings.Split(*modes, ",")
			if !*quiet {
				opt.Log = func(format string, a ...any) { fmt.Fprintf(stderr, format+"\n", a...) }
			}
			rep, err := evalrun.Run(ctx, c, opt)
			if err != nil {
				fmt.Fprintf(stderr, "winnow eval: %v\n", err)
				return 1
			}
			command := strings.TrimSpace("winnow " + strings.Join(a.args, " "))
			report := func(w io.Writer) error { return rep.Markdown(w, command) }
			if *out != "" {
				err = writeFile(*out, report)
			} else {
				err = report(stdout)
			}
			if err != nil {
				fmt.Fprintf(stderr, "winnow eval: %v\n", err)
				return 1
			}
			if *pages != "" {
				if err := writeFile(*pages, func(w io.Writer) error { return evalrun.WritePageScores(w, rep.PageScores()) }); err != nil {
					fmt.Fprintf(stderr, "winnow eval: %v\n", err)
					return 1
				}
			}
			if *against != "" {
				if err := printMoves(stdout, *against, before, rep); err != nil {
					fmt.Fprintf(stderr, "winnow eval: %v\n", err)
					return 1
				}
			}
			return 0
		}())
	}
	return cmd
}

// maxMoves is the most moved pages --against prints.
const maxMoves = 60

// writeFile creates name, lets write fill it and closes it.
func writeFile(name string, write func(io.Writer) error) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// readPageScores reads the page scores in the file named name.
func readPageScores(name string) ([]evalrun.PageScore, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	scores, err := evalrun.ReadPageScores(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return scores, nil
}

// printMoves prints the pages of rep whose scores moved against before,
// the page scores read from the file named old.
func printMoves(w io.Writer, old string, before []evalrun.PageScore, rep *evalrun.Report) error {
	moves := evalrun.MovedPages(before, rep.PageScores(), 0.01)
	if _, err := fmt.Fprintf(w, "\n## Pages that moved against %s\n\n%d pages moved by 0.01 F1 or more, or changed article presence.\n\n", filepath.Base(old), len(moves)); err != nil {
		return err
	}
	if len(moves) == 0 {
		return nil
	}
	if err := evalrun.WriteMoveSummary(w, moves); err != nil {
		return err
	}
	if _, err := fmt.Fprintln(w); err != nil {
		return err
	}
	return evalrun.WriteMoves(w, moves, maxMoves)
}
