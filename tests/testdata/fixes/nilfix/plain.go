package nilfix

// This file imports nothing: the fix adds the errors import it needs.

func Describe(s *Store, id int) (string, error) {
	o := s.Find(id)
	return o.Name, nil // want "nil"
}

// A parameter the function itself compares with nil, then uses anyway.
func Label(o *Order) string {
	if o == nil {
		println("no order")
	}
	return o.Name // want "nil"
}
