// Package modelload is the one place the binaries (winnow, winnowd) turn a
// --model flag into a classifier: the embedded model when the flag is
// empty, else the model file it names. It is tooling, not API.
package modelload

import (
	"os"

	"github.com/winnowhq/winnow/classifier"
)

// Classifier returns a classifier with the embedded model when file is "",
// else with the model file file. Errors name the file.
func Classifier(file string) (*classifier.Classifier, error) {
	if file == "" {
		return classifier.Default()
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	return classifier.Load(data, classifier.Config{})
}
