package classifier

import (
	"testing"

	"github.com/winnowhq/winnow/classifier/model"
	"github.com/winnowhq/winnow/classifier/segment"
)

func TestFormControls(t *testing.T) {
	const (
		B = model.ClassBody
		T = model.ClassTitle
		R = model.ClassRelated
	)
	for _, tc := range []struct {
		name   string
		blocks []flagged
		want   []int
	}{
		{"a button's label", []flagged{{T, 60, 0}, {B, 600, 0}, {B, 30, segment.InButton}}, []int{T, B, R}},
		{"a label and a select", []flagged{{B, 600, 0}, {B, 80, segment.InLabel}, {B, 40, segment.InSelect}}, []int{B, R, R}},
		{"an accordion's question", []flagged{{B, 600, 0}, {B, 40, segment.InButton}, {B, 150, 0}}, []int{B, B, B}},
		{"a button before a short line", []flagged{{B, 600, 0}, {B, 40, segment.InButton}, {B, 50, 0}}, []int{B, R, B}},
		{"a title in a button", []flagged{{T, 60, segment.InButton}, {B, 600, 0}}, []int{T, B}},
		{"too little outside", []flagged{{B, 300, 0}, {B, 30, segment.InButton}}, []int{B, B}},
		{"no control", []flagged{{B, 600, 0}}, []int{B}},
		{"empty", nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) { checkFlagged(t, formControls, tc.blocks, R, tc.want) })
	}
}
