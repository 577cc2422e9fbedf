package other

import "testing"

func TestOther(t *testing.T) { bad() }
