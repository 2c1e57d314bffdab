module github.com/codetop/codetop

go 1.26
