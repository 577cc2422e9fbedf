package nilfix

// This file imports neither errors nor fmt, in a group: the fix adds errors to it, in order.

import (
	"strconv"
	"strings"
)

func Code(s *Store, id int) (string, error) {
	o := s.Find(id)
	return strings.ToUpper(o.Name) + strconv.Itoa(o.ID), nil // want "nil"
}
