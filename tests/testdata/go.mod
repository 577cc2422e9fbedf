module vigil.test

go 1.23
