module vigil.dev/frontend

go 1.22
