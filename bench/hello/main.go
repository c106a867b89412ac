// Command hello is the headless floor of the benchmarks: a Go program
// that prints one line, started from sh -c beside onboard's headless run.
package main

import "fmt"

func main() { fmt.Println("hello") }
