package server_test

import (
	"context"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/encoding/protojson"

	"github.com/winnowhq/winnow/classifier"
	winnowv1 "github.com/winnowhq/winnow/gen/winnow/v1"
	"github.com/winnowhq/winnow/server"
	"github.com/winnowhq/winnow/server/web"
)

var screenshots = flag.Bool("screenshots", false, "TestBrowser* write their screenshots to docs/ (moderation.png, moderation-phone.png) instead of a temporary directory")

// browser starts headless Chromium (Debian's chromium) with a fresh
// profile and returns a tab and the console messages collected so far.
// Without chromium the test is skipped, except in CI (CI=true), where it
// fails: .ci/run installs it.
func browser(t *testing.T, width, height int) (context.Context, func() []chromedp.ConsoleMessage) {
	t.Helper()
	path := ""
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			path = p
			break
		}
	}
	if path == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("chromium is not installed, and CI=true: .ci/run must install it (apt-get install chromium)")
		}
		t.Skip("chromium is not installed: the browser test needs Debian's chromium (apt-get install --no-install-recommends chromium); skipping")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(path),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(width, height),
	)
	t.Cleanup(cancelAlloc)
	tab, cancelTab := chromedp.NewContext(actx)
	t.Cleanup(cancelTab)
	var mu sync.Mutex
	var msgs []chromedp.ConsoleMessage
	console := chromedp.Console(tab)
	go func() {
		for m, err := range console {
			if err != nil {
				return
			}
			mu.Lock()
			msgs = append(msgs, m)
			mu.Unlock()
		}
	}()
	return tab, func() []chromedp.ConsoleMessage {
		mu.Lock()
		defer mu.Unlock()
		return append([]chromedp.ConsoleMessage(nil), msgs...)
	}
}

// checkConsole fails the test on any console error or exception (a CSP
// violation, a failed request, a script error).
func checkConsole(t *testing.T, msgs []chromedp.ConsoleMessage) {
	t.Helper()
	for _, m := range msgs {
		if m.Type == chromedp.ConsoleError || m.IsException() {
			t.Errorf("console %s at %s:%d: %s", m.Type, m.URL, m.Line+1, m)
		}
	}
}

func saveScreenshot(t *testing.T, name string, png []byte) {
	t.Helper()
	dir := t.TempDir()
	if *screenshots {
		dir = filepath.Join("..", "docs")
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s (%d bytes)", path, len(png))
}

// viewBlock is what the page shows for one block.
type viewBlock struct {
	Category string `json:"category"`
	Label    string `json:"label"`
	Text     string `json:"text"`
	RTL      bool   `json:"rtl"`
}

const readBlocks = `Array.from(document.querySelectorAll('#blocks > li')).map(li => {
	const t = li.querySelector('.txt');
	return {category: li.dataset.category, label: li.dataset.label, text: t.textContent, rtl: t.matches(':dir(rtl)')};
})`

// submitView loads the moderation view at base in tab (after first, when
// not nil), pastes text, runs fill (the form's other fields), classifies
// and returns the blocks the page shows.
func submitView(t *testing.T, tab context.Context, base, text string, first chromedp.Action[chromedp.Void], fill ...chromedp.Action[chromedp.Void]) []viewBlock {
	t.Helper()
	var actions []chromedp.Action[chromedp.Void]
	if first != nil {
		actions = append(actions, first)
	}
	actions = append(actions,
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(chromedp.ID("#doc")),
		chromedp.SetValue(chromedp.ID("#doc"), text))
	actions = append(actions, fill...)
	actions = append(actions,
		chromedp.Click(chromedp.ID("#go")),
		chromedp.WaitVisible(chromedp.CSS("#blocks > li")))
	if err := chromedp.Do(tab, actions...); err != nil {
		t.Fatalf("load and submit: %v", err)
	}
	blocks, err := chromedp.Run(tab, chromedp.Evaluate[[]viewBlock](readBlocks))
	if err != nil {
		t.Fatal(err)
	}
	return blocks
}

// checkSeedBlocks checks what an editor must see for the seed example: the
// share line, the flight-ticket ad and the clickbait titles carry their
// categories, the article body does not, and Persian runs right to left.
func checkSeedBlocks(t *testing.T, blocks []viewBlock) {
	t.Helper()
	want := []struct{ snippet, category string }{
		{"ارسال به دوستان", "share"},
		{"بلیط هواپیما فلای تودی", "ad"},
		{"چرا برخی خاطرات در ذهن ماندگار", "related"},
		{"همکاری اطلاعاتی مسکو با طالبان علیه داعش", "title"},
		{"همزمان با افزایش تعداد", "body"},
		{"فیلیپ ماد، یکی از مقامات سابق", "body"},
	}
	for _, w := range want {
		found := false
		for _, b := range blocks {
			if strings.Contains(b.Text, w.snippet) {
				found = true
				if b.Category != w.category {
					t.Errorf("block %.40q shows category %q, want %q", b.Text, b.Category, w.category)
				}
				if !b.RTL {
					t.Errorf("block %.40q is not rendered right to left", b.Text)
				}
			}
		}
		if !found {
			t.Errorf("no block shows %q", w.snippet)
		}
	}
	for _, b := range blocks {
		if b.Category == "body" && (strings.Contains(b.Text, "بلیط هواپیما") || strings.Contains(b.Text, "ارسال به دوستان")) {
			t.Errorf("the ad or share text is shown as body: %.60q", b.Text)
		}
	}
}

// TestBrowserModerationView loads the view from a real gateway on
// 127.0.0.1 in headless Chromium, submits the seed example as an editor
// would, and checks the highlighted blocks, the verdict, the tooltip on
// keyboard focus, the threshold slider and the clean text, on a desktop
// and a phone-sized screen.
func TestBrowserModerationView(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test: skipped with -short")
	}
	base := startGateway(t, server.Options{}, server.GatewayOptions{})
	seedText := string(seed(t))
	for _, screen := range []struct {
		name          string
		width, height int
		file          string
	}{
		{"desktop", 1100, 900, "moderation.png"},
		{"phone", 390, 844, "moderation-phone.png"},
	} {
		t.Run(screen.name, func(t *testing.T) {
			tab, console := browser(t, screen.width, screen.height)
			blocks := submitView(t, tab, base, seedText, chromedp.EmulateViewport(int64(screen.width), int64(screen.height)))
			checkSeedBlocks(t, blocks)

			// keyboard: Tab from the slider reaches the blocks; a focused
			// block shows its tooltip with the score and features.
			tip, err := chromedp.Run(tab, chromedp.Evaluate[string](`(() => {
				const li = Array.from(document.querySelectorAll('#blocks > li')).find(li => li.dataset.category === 'ad');
				li.focus();
				const tip = li.querySelector('.tip');
				return getComputedStyle(tip).display === 'none' ? '' : tip.textContent;
			})()`))
			if err != nil || !strings.Contains(tip, "score") || !strings.Contains(tip, "Features") {
				t.Errorf("focused ad block's tooltip = %q (%v), want the score and features", tip, err)
			}
			headline, _ := chromedp.Run(tab, chromedp.Text(chromedp.ID("#headline")))
			share, _ := chromedp.Run(tab, chromedp.Text(chromedp.ID("#verdict")))
			if headline == "" || !strings.Contains(share, "Boilerplate share") {
				t.Errorf("verdict: headline %q, summary %q", headline, share)
			}
			clean, _ := chromedp.Run(tab, chromedp.Value(chromedp.ID("#clean")))
			if !strings.Contains(clean, "همزمان با افزایش تعداد") || strings.Contains(clean, "بلیط هواپیما") {
				t.Errorf("clean text at the default threshold: %.200q", clean)
			}
			overflow, _ := chromedp.Run(tab, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth + 1`))
			if overflow {
				t.Errorf("the page scrolls sideways at width %d", screen.width)
			}
			// the whole page on a desktop; on a phone the screen showing the
			// end of the body and the boilerplate tail, tooltip open
			shot := chromedp.FullScreenshot(100)
			if screen.width < 600 {
				_, err = chromedp.Run(tab, chromedp.Evaluate[bool](`(() => {
					document.querySelector('#blocks > li[data-category=share]').scrollIntoView({block: 'center'});
					return true;
				})()`))
				shot = chromedp.CaptureScreenshot()
			}
			png, err := chromedp.Run(tab, shot)
			if err != nil {
				t.Fatal(err)
			}
			saveScreenshot(t, screen.file, png)

			// the slider at 0 keeps every block as article text
			clean, err = chromedp.Run(tab, chromedp.Evaluate[string](`(() => {
				const s = document.getElementById('threshold'); s.value = 0;
				s.dispatchEvent(new Event('input'));
				return document.getElementById('clean').value;
			})()`))
			if err != nil || !strings.Contains(clean, "بلیط هواپیما") {
				t.Errorf("clean text at threshold 0 lacks the ad (%v): %.100q", err, clean)
			}
			checkConsole(t, console())
		})
	}
}

// TestBrowserStandalone opens the page `winnow classify --format html`
// writes (web.Standalone) from a file, with no server: the inlined script
// and stylesheet must pass the page's own Content-Security-Policy and draw
// the same blocks.
func TestBrowserStandalone(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test: skipped with -short")
	}
	cls, err := classifier.Default()
	if err != nil {
		t.Fatal(err)
	}
	svc := server.New(cls, server.Options{})
	resp, err := svc.Classify(context.Background(), &winnowv1.ClassifyRequest{
		Document: &winnowv1.Document{Id: "seed", Content: &winnowv1.Document_Text{Text: string(seed(t))}},
		Options: &winnowv1.ClassifyOptions{IncludeText: true, Explain: true,
			OffsetEncoding: winnowv1.OffsetEncoding_OFFSET_ENCODING_UTF16},
	})
	if err != nil {
		t.Fatal(err)
	}
	rj, _ := protojson.Marshal(resp)
	model, err := svc.GetModel(context.Background(), &winnowv1.GetModelRequest{})
	if err != nil {
		t.Fatal(err)
	}
	mj, _ := protojson.Marshal(model)
	page, err := web.Standalone(rj, mj)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "seed.html")
	if err := os.WriteFile(path, page, 0o644); err != nil {
		t.Fatal(err)
	}
	tab, console := browser(t, 1000, 800)
	if err := chromedp.Do(tab, chromedp.Navigate("file://"+path), chromedp.WaitVisible(chromedp.CSS("#blocks > li"))); err != nil {
		t.Fatal(err)
	}
	blocks, err := chromedp.Run(tab, chromedp.Evaluate[[]viewBlock](readBlocks))
	if err != nil {
		t.Fatal(err)
	}
	checkSeedBlocks(t, blocks)
	hidden, _ := chromedp.Run(tab, chromedp.Evaluate[bool](`getComputedStyle(document.getElementById('input')).display === 'none'`))
	if !hidden {
		t.Error("the static page shows the input form")
	}
	// The styles apply (an ad block has its left border colour), so the
	// CSP hash of the inlined stylesheet is right.
	border, _ := chromedp.Run(tab, chromedp.Evaluate[string](`getComputedStyle(document.querySelector('#blocks > li[data-category=ad]')).borderInlineStartColor`))
	if border != "rgb(213, 94, 0)" {
		t.Errorf("ad block border colour %q, want rgb(213, 94, 0): is the stylesheet blocked?", border)
	}
	checkConsole(t, console())
}

// TestBrowserToken runs the view against a server that requires a bearer
// token: without one the editor is told to enter it, with it the article
// is classified. The browser's own log line for the 401 is the only
// console error allowed.
func TestBrowserToken(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test: skipped with -short")
	}
	base := startGateway(t, server.Options{}, server.GatewayOptions{}, grpc.ChainUnaryInterceptor(requireToken("s3cret")))
	tab, console := browser(t, 1000, 800)
	err := chromedp.Do(tab,
		chromedp.Navigate(base+"/"),
		chromedp.SetValue(chromedp.ID("#doc"), "Headline\nA first paragraph of the article body.\nShare this"),
		chromedp.Click(chromedp.ID("#go")),
		chromedp.WaitVisible(chromedp.ID("#token")),
	)
	if err != nil {
		t.Fatal(err)
	}
	// The token field opens before the status line is rewritten: wait
	// for the message rather than read it once.
	var msg string
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		msg, _ = chromedp.Run(tab, chromedp.Text(chromedp.ID("#status")))
		if strings.Contains(msg, "API token") || time.Now().After(deadline) {
			break
		}
	}
	if !strings.Contains(msg, "API token") {
		t.Errorf("status without a token: %q", msg)
	}
	err = chromedp.Do(tab,
		chromedp.SetValue(chromedp.ID("#token"), "s3cret"),
		chromedp.Click(chromedp.ID("#go")),
		chromedp.WaitVisible(chromedp.CSS("#blocks > li")),
	)
	if err != nil {
		t.Fatal(err)
	}
	var rest []chromedp.ConsoleMessage
	for _, m := range console() {
		if !strings.Contains(m.String(), "status of 401") {
			rest = append(rest, m)
		}
	}
	checkConsole(t, rest)
}

// TestBrowserTitle pastes a scraped text whose article follows a teaser,
// with its headline in the optional headline field: the block labelled
// title is the article's headline, and the teaser is not in the clean
// text.
func TestBrowserTitle(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test: skipped with -short")
	}
	base := startGateway(t, server.Options{}, server.GatewayOptions{})
	tab, console := browser(t, 1000, 800)
	text := "Home\nNews\nTen towns that lost their bridges\n" +
		"Officials say more bridges are at risk this year after a wet winter across the region.\n" +
		"River floods the old town again\n" +
		"The river rose two metres overnight and flooded the old town for the second time this spring, residents said on Tuesday.\n" +
		"The mayor said the town would ask the regional government for money to raise the flood wall before next winter.\n" +
		"Share this article"
	blocks := submitView(t, tab, base, text, nil, chromedp.SetValue(chromedp.ID("#title"), "River floods the old town again | The Daily Example"))
	title := ""
	for _, b := range blocks {
		if b.Category == "title" {
			title = b.Text
			break
		}
	}
	clean, _ := chromedp.Run(tab, chromedp.Value(chromedp.ID("#clean")))
	if title != "River floods the old town again" || strings.Contains(clean, "Ten towns") || !strings.Contains(clean, "The river rose") {
		t.Errorf("title block %q; clean text:\n%s", title, clean)
	}
	checkConsole(t, console())
}
