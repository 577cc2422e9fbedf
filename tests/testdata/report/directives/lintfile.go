//lint:file-ignore vigil-bad this file is exempt

package directives

func LintFileIgnored() {
	bad()
}
