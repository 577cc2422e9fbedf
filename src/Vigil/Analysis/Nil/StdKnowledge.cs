namespace Vigil.Analysis.Nil;

/// <summary>
/// What vigil-nil knows about the standard library without reading its
/// bodies (std packages are usually loaded from export data). The table is
/// data: one entry a line, "kind key  # why". Keys are object keys as
/// Vigil's model writes them: "pkg.Func", "pkg.Type.Method", "pkg.Type.Field".
///
/// Kinds:
///   nilable   the function's first result (or the field) can be nil in normal use
///   nonnil    the function never returns nil (overrides what its body suggests)
///   partial   the function returns a partial, non-nil value together with an error
///   noreturn  the call never returns (exits, panics, stops the goroutine or the test)
///   failstest the call marks the running test failed: the nil check follows no path past it
///   derefrecv (a type) every pointer method dereferences its receiver
///   nilsaferecv (a method of a derefrecv type) the exception: it checks a nil receiver first
///
/// Documented for users in docs/checks/nil.md; add entries here, not in code.
/// </summary>
public static class StdKnowledge
{
    public const string Table = """
        # results and fields that can be nil
        nilable  errors.Unwrap                      # nil when the error wraps nothing
        nilifnilarg reflect.TypeOf                  # nil only for a nil interface argument
        nilable  runtime.FuncForPC                  # nil for an unknown pc ((*Func).Name handles nil)
        nilable  container/list.Element.Next        # nil at the end
        nilable  container/list.Element.Prev        # nil at the start
        # Deliberately absent: fields set by a lifecycle step (exec.Cmd.Process after Start,
        # http.Request.Response on redirects, MultipartForm after parsing): code reads
        # them after the step, often in another function.
        # Deliberately absent: lookups by name (flag.Lookup, (*template.Template).Lookup,
        # (*types.Scope).Lookup, (*list.List).Front...). They return nil only for names that
        # are not there, and code calls them with names it knows are there; reporting every
        # unchecked use drowned real findings (on std, >90% were false alarms).
        nilable  net/url.URL.User                   # field: nil when the URL has no user info
        nilable  net/http.Request.TLS               # field: nil for plain HTTP
        nilable  net/http.Response.TLS              # field: nil for plain HTTP
        nilable  net/http.Client.Jar                # field: nil unless a cookie jar was set (http.DefaultClient, Client{})
        nilable  crypto/tls.ConnectionState.PeerCertificates # field: may be empty (slice; never reported)

        # std types whose pointer methods all dereference their receiver (std is usually loaded
        # without bodies, so no summary says so): a method called on a nil one panics. Not the
        # types whose methods check a nil receiver (os.File, the net conns, url.Userinfo,
        # big numbers' String, time.Location).
        derefrecv bytes.Buffer
        derefrecv bytes.Reader
        derefrecv strings.Reader
        derefrecv strings.Builder
        derefrecv bufio.Reader
        derefrecv bufio.Writer
        derefrecv bufio.Scanner
        derefrecv flag.FlagSet
        derefrecv net.Dialer
        derefrecv net/http.Client
        derefrecv net/http.Request
        derefrecv sync.Mutex
        derefrecv sync.RWMutex
        derefrecv sync.WaitGroup
        derefrecv sync.Once
        derefrecv container/list.List
        derefrecv encoding/json.Decoder
        derefrecv encoding/json.Encoder
        derefrecv os/exec.Cmd
        derefrecv regexp.Regexp
        # the methods of those types that check a nil receiver first: a call on a nil one is fine
        nilsaferecv bytes.Buffer.String             # returns "<nil>" for a nil *Buffer

        # results that are never nil
        nonnil   errors.New
        nonnil   errors.Join                        # nil only when all errors are nil; treated as non-nil
        nonnil   fmt.Errorf
        nonnil   bytes.NewBuffer
        nonnil   bytes.NewBufferString
        nonnil   bytes.NewReader
        nonnil   strings.NewReader
        nonnil   strings.NewReplacer
        nonnil   context.Background
        nonnil   context.TODO
        nonnil   bufio.NewReader
        nonnil   bufio.NewReaderSize
        nonnil   bufio.NewWriter
        nonnil   bufio.NewWriterSize
        nonnil   bufio.NewScanner
        nonnil   time.NewTimer
        nonnil   time.NewTicker
        nonnil   time.AfterFunc
        nonnil   regexp.MustCompile
        nonnil   text/template.Must
        nonnil   html/template.Must
        nonnil   text/template.New
        nonnil   encoding/json.NewDecoder
        nonnil   encoding/json.NewEncoder
        nonnil   container/list.New
        nonnil   net/http.NewServeMux
        nonnil   net/http/httptest.NewRecorder
        nonnil   net/http/httptest.NewServer
        nonnil   net/http/httptest.NewRequest
        nonnil   sync.NewCond
        nonnil   math/big.NewInt
        nonnil   math/rand.New
        nonnil   os.Stdin
        nonnil   os.Stdout
        nonnil   os.Stderr
        nonnil   log.New
        nonnil   log.Default
        nonnil   context.Context.Err                # nil only until Done is closed; code calls it after <-ctx.Done()

        # results that come with their error, partial but not nil: the (value, error) contract does not apply
        partial  go/parser.ParseFile                # a partial *ast.File with syntax errors (nil only if the source cannot be read)
        partial  go/build.Import                    # "a non-nil *Package containing partial information"
        partial  go/build.ImportDir
        partial  go/build.Context.Import
        partial  go/build.Context.ImportDir

        # calls that never return
        noreturn os.Exit
        noreturn runtime.Goexit
        noreturn runtime.throw                      # runtime-internal: fatal errors
        noreturn runtime.fatal
        noreturn runtime.fatalthrow
        noreturn runtime.fatalpanic
        noreturn log.Fatal
        noreturn log.Fatalf
        noreturn log.Fatalln
        noreturn log.Panic
        noreturn log.Panicf
        noreturn log.Panicln
        noreturn log.Logger.Fatal
        noreturn log.Logger.Fatalf
        noreturn log.Logger.Fatalln
        noreturn log.Logger.Panic
        noreturn log.Logger.Panicf
        noreturn log.Logger.Panicln
        noreturn testing.common.Fatal
        noreturn testing.common.Fatalf
        noreturn testing.common.FailNow
        noreturn testing.common.Skip
        noreturn testing.common.Skipf
        noreturn testing.common.SkipNow
        noreturn testing.TB.Fatal
        noreturn testing.TB.Fatalf
        noreturn testing.TB.FailNow
        noreturn testing.TB.Skip
        noreturn testing.TB.Skipf
        noreturn testing.TB.SkipNow

        # calls that mark the test failed and return: a test that passes never takes a branch that
        # calls them, and one that took it has failed already, so a nil dereference after them
        # (`if err != nil { t.Error(err) }; v.Field`) is not followed (docs/checks/nil.md)
        failstest testing.common.Error
        failstest testing.common.Errorf
        failstest testing.common.Fail
        failstest testing.TB.Error
        failstest testing.TB.Errorf
        failstest testing.TB.Fail
        """;

    public enum Kind { Nilable, NilIfNilArg, NonNil, PartialOnError, NoReturn, FailsTest, DerefReceiver, NilSafeReceiver }

    private static readonly Dictionary<string, Kind> entries = Parse(Table);

    public static Kind? Lookup(string key) => entries.TryGetValue(key, out var k) ? k : null;

    public static IReadOnlyDictionary<string, Kind> Entries => entries;

    /// <summary>
    /// A call that reports a test's failure (<c>t.Error*</c>, <c>t.Fatal*</c>): a nil dereferenced in its
    /// arguments panics only in a test that has failed already (docs/checks/nil.md).
    /// </summary>
    public static bool IsTestFailureReport(string key) =>
        Lookup(key) == Kind.FailsTest
        || key is "testing.common.Fatal" or "testing.common.Fatalf" or "testing.TB.Fatal" or "testing.TB.Fatalf";

    private static Dictionary<string, Kind> Parse(string table)
    {
        var d = new Dictionary<string, Kind>(StringComparer.Ordinal);
        foreach (var raw in table.Split('\n'))
        {
            var line = raw.Split('#')[0].Trim();
            if (line.Length == 0) continue;
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2) throw new InvalidOperationException($"bad std knowledge line: {raw}");
            d[parts[1]] = parts[0] switch
            {
                "nilable" => Kind.Nilable,
                "nilifnilarg" => Kind.NilIfNilArg,
                "nonnil" => Kind.NonNil,
                "partial" => Kind.PartialOnError,
                "noreturn" => Kind.NoReturn,
                "failstest" => Kind.FailsTest,
                "derefrecv" => Kind.DerefReceiver,
                "nilsaferecv" => Kind.NilSafeReceiver,
                _ => throw new InvalidOperationException($"bad std knowledge kind: {raw}"),
            };
        }
        return d;
    }
}
