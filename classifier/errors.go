package classifier

import (
	"context"
	"errors"
	"fmt"
)

// Kind is the class of an error; the server maps each kind to one wire code.
type Kind uint8

const (
	KindOther       Kind = iota // an internal failure
	KindInvalid                 // the input is malformed or the request contradicts itself
	KindTooLarge                // the input exceeds a configured limit
	KindUnsupported             // the input is valid but cannot be handled (e.g. unknown charset)
	KindCanceled                // the context was cancelled or its deadline passed
)

func (k Kind) String() string {
	switch k {
	case KindInvalid:
		return "invalid input"
	case KindTooLarge:
		return "input too large"
	case KindUnsupported:
		return "unsupported input"
	case KindCanceled:
		return "canceled"
	}
	return "internal error"
}

// Error is the error type of the classifier. Op is the operation that failed
// ("classify", "decode", "segment", "load model"), Field the input field at
// fault when there is one.
type Error struct {
	Op    string
	Kind  Kind
	Field string
	Err   error
}

func (e *Error) Error() string {
	s := "winnow: " + e.Op + ": " + e.Kind.String()
	if e.Field != "" {
		s += " (" + e.Field + ")"
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// KindOf returns the kind of err: the Kind of the first *Error in its chain,
// KindCanceled for context errors, KindOther otherwise.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return KindCanceled
	}
	return KindOther
}

func errorf(op string, kind Kind, field, format string, args ...any) error {
	return &Error{Op: op, Kind: kind, Field: field, Err: fmt.Errorf(format, args...)}
}
