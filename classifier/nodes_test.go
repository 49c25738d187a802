package classifier

import (
	"strings"
	"testing"
)

// TestClassifyTextNodes checks that a page written one text node a line
// (BeautifulSoup's get_text("\n", strip=True)) keeps the links and the
// rest of the sentences inside its paragraphs: each piece alone read as a
// menu item or a caption. MainText writes each sentence whole, on a line.
func TestClassifyTextNodes(t *testing.T) {
	page := strings.Join([]string{
		"Skip to content", "Daily Courier", "Home", "World", "Business", "Sport",
		"Council approves new budget for public transport",
		"The city council voted on", "Tuesday", "to approve a new budget that increases funding for public transport, parks and libraries", ".",
		"Critics argued that the fees would fall hardest on", "small businesses", ", which are still recovering from a difficult year and have asked for more time.",
		"Several council members said they had received", "hundreds of letters", "from residents on both sides of the debate", ".",
		"The mayor called it", "a fair plan for the whole city", "; others disagreed and said they would vote against it next year.",
		"Related stories", "Mayor unveils plan for new tram line", "Bridge closure hits local shops",
		"Share on Facebook", "Share on X", "© 2026 Daily Courier", "Privacy", "Terms",
	}, "\n")
	checkMainText(t, page, []string{
		"The city council voted on Tuesday to approve a new budget that increases funding for public transport, parks and libraries.\n",
		"small businesses, which",
		"hundreds of letters from residents on both sides of the debate.\n",
		"a fair plan for the whole city; others",
	}, []string{"Share on", "Business"})
}
