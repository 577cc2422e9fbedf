package idioms

import "errors"

var errEmpty = errors.New("empty file name")
