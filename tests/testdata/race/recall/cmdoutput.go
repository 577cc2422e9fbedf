package recall

import (
	"bytes"
	"errors"
	"os/exec"
	"strings"
)

// WaitReady polls the output buffer while the command runs: os/exec's copying
// goroutine writes it until Wait.
func WaitReady(name string) error {
	var out bytes.Buffer
	cmd := exec.Command(name)
	cmd.Stdout = &out
	if err := cmd.Start(); err != nil {
		return errors.New("start failed: " + out.String())
	}
	if !strings.Contains(out.String(), "ready") { // want `data race: out used while the command started at cmdoutput.go:\d+ runs: os/exec copies the command's Stdout into it`
		return errors.New("not ready")
	}
	return cmd.Wait()
}

// RunAndRead is the race-free twin: the buffer is read after Wait.
func RunAndRead(name string) (string, error) {
	var stderr strings.Builder
	cmd := exec.Command(name)
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return "", err
	}
	err := cmd.Wait()
	return stderr.String(), err
}

// RunOnce is race-free too: Run waits for the copying goroutine.
func RunOnce(name string) string {
	out := new(bytes.Buffer)
	cmd := exec.Command(name)
	cmd.Stdout = out
	_ = cmd.Run()
	return out.String()
}
