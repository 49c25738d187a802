package classifier

import (
	"context"
	"fmt"
	"testing"
)

func TestOneLine(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		{"one line", "A line as it is.  ", "A line as it is.  "},
		{"hard-wrapped", "The city council voted on Tuesday\nto approve a new budget.", "The city council voted on Tuesday to approve a new budget."},
		{"indented dump", "increases funding for public transport. The mayor\n   said the plan would be paid for", "increases funding for public transport. The mayor said the plan would be paid for"},
		{"CRLF", "first part\r\nsecond part", "first part second part"},
		{"blank line inside", "first part\n\n  second part", "first part second part"},
		{"text node after a link", "read the\nreport\n, which the council\npublished\n.", "read the report, which the council published."},
		{"parenthesis", "(see the\nmap\n)", "(see the map)"},
		{"Chinese hard-wrapped at the margin: the break stays", "人心不会熄灭，但它可能蒙上灰烬而不再燃烧。灰烬本来是燃烧的产物，但它\n反过来又抑制了燃烧。", "人心不会熄灭，但它可能蒙上灰烬而不再燃烧。灰烬本来是燃烧的产物，但它\n反过来又抑制了燃烧。"},
		{"Chinese wrapped and indented by a text browser: joined", "   人心不会熄灭，但它可能蒙上灰烬而不再燃烧。灰烬本来是燃烧的产物，但它\n   反过来又抑制了燃烧。", "   人心不会熄灭，但它可能蒙上灰烬而不再燃烧。灰烬本来是燃烧的产物，但它反过来又抑制了燃烧。"},
		{"one space of indent is no text browser's", "燃烧的产物\n 反过来", "燃烧的产物\n反过来"},
		{"Japanese then Latin", "アート部門は\nPulses", "アート部門は Pulses"},
		{"full-width Latin", "短編「Ｌａ\nＣｈｕｔｅ」", "短編「Ｌａ Ｃｈｕｔｅ」"},
		{"Korean", "서울시는\n예산을", "서울시는 예산을"},
		{"Persian", "شورای شهر\nبودجه را تصویب کرد", "شورای شهر بودجه را تصویب کرد"},
		{"break at the ends", "\n  text  \n", "text"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := oneLine(tc.in); got != tc.want {
				t.Errorf("oneLine(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func ExampleResult_MainText() {
	c, err := Default()
	if err != nil {
		panic(err)
	}
	text := `Council approves new budget for public transport

   The city council voted on Tuesday to approve a new budget that
   increases funding for public transport, parks and libraries. The mayor
   said the plan would be paid for by new fees and savings elsewhere.

   Critics argued that the fees would fall hardest on small businesses,
   which are still recovering from a difficult year.
`
	res, err := c.Classify(context.Background(), Input{Data: []byte(text), Mode: ModeText})
	if err != nil {
		panic(err)
	}
	fmt.Println(res.MainText())
	// Output:
	// Council approves new budget for public transport
	// The city council voted on Tuesday to approve a new budget that increases funding for public transport, parks and libraries. The mayor said the plan would be paid for by new fees and savings elsewhere.
	// Critics argued that the fees would fall hardest on small businesses, which are still recovering from a difficult year.
}
