package inner

func bad() {}

func Inner() { bad() }
