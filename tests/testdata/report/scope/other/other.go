package other

func bad() {}

func Other() { bad() }
