package classifier

import "testing"

// TestClassifyTextContent checks a page's text nodes run together, as
// the DOM's textContent writes a minified page: the menu, the share bar
// and the related links are cut apart from the article's paragraphs and
// left out, and the paragraphs are kept.
func TestClassifyTextContent(t *testing.T) {
	page := "Skip to contentDaily CourierHomeWorldBusinessSportWeatherSubscribe" +
		"Council approves new budget for public transport" +
		"The city council voted on Tuesday to approve a new budget that increases funding for public transport, parks and libraries.The mayor said the plan would be paid for by new fees and savings from other departments." +
		"Critics argued that the fees would fall hardest on small businesses, which are still recovering from a difficult year.Several council members said they had received hundreds of letters from residents on both sides of the debate." +
		"The budget also includes money for repairs to the old bridge over the river, which has been closed to heavy vehicles since the spring." +
		"Share on FacebookShare on XCopy link" +
		"Related storiesMayor unveils plan for new tram lineBridge closure hits local shopsPrivacyTerms"
	checkMainText(t, page,
		[]string{"The mayor said the plan would be paid for", "hundreds of letters", "closed to heavy vehicles"},
		[]string{"Weather", "Share on", "tram line", "Privacy"})
}
