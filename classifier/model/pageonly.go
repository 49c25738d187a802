package model

import (
	"errors"
	"maps"
	"strings"
)

// WithPageModel returns base with donor's page model (logistic weights and
// forest) in place of its own: base's block model, temperature,
// thresholds, script shifts and splitters are kept byte for byte, and
// only the page model's article cuts are fitted again, on base's first
// pass over dev (the cuts read the first pass the page model will see).
// The result is stamped with a new version: base's, with a new hash.
//
// This is how a page-model change ships without retraining the block
// model (`winnow train --page-only BASE`): a new training run gives the
// page model, which learns from out-of-fold first-pass probabilities of
// its own folds anyway, and base keeps every block's scores.
func WithPageModel(base, donor *Model, dev []Doc) (*Model, error) {
	if donor.page == nil {
		return nil, errors.New("model: the donor model has no page model")
	}
	c := *base
	p := *donor.page
	c.page = &p
	c.info.Metrics = maps.Clone(base.info.Metrics)
	if len(dev) > 0 {
		calibratePage(&c, dev)
	}
	v := base.info.Version
	if i := strings.LastIndexByte(v, '-'); i > 0 {
		v = v[:i]
	}
	return c.Stamped(v)
}
