using System.Text;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Ezrouter.Tests.TestSupport;

/// <summary>
/// How a test's response body reaches the SDK: whole in one read, one byte per read, or in chunk sizes drawn from a
/// seeded <see cref="Random"/> (some reads completing asynchronously, as reads from a socket do); optionally with its
/// line endings rewritten to CRLF or CR first. Every SSE test body runs under each of <see cref="All"/>, so a reader
/// that depends on where a read splits a line, an event, a UTF-8 character or a CR LF pair fails under one of them.
/// The name is the whole recipe (seed included) and is what xunit shows in the test's name, so a failing case
/// reruns as it failed. <c>EZROUTER_TEST_SEED=n</c> adds one more random delivery with seed n, to try other splits.
/// </summary>
public sealed partial class Delivery : IXunitSerializable
{
    public const string WholeName = "whole";

    private static readonly string[] Names =
    [
        WholeName,
        "1 byte per read",
        "random chunks (seed 1)",
        "random chunks (seed 2)",
        "CRLF line endings, 1 byte per read",
        "CRLF line endings, random chunks (seed 3)",
        "CR line endings, 1 byte per read",
        "CR line endings, random chunks (seed 4)",
    ];

    private string _name = WholeName;

    [Obsolete("For xunit's deserializer only.")]
    public Delivery()
    {
    }

    private Delivery(string name)
    {
        _name = name;
        Parse();
    }

    public static Delivery Whole { get; } = new(WholeName);

    /// <summary>Every delivery, whole first.</summary>
    public static IReadOnlyList<Delivery> Every { get; } = [.. Names.Concat(ExtraSeed()).Select(n => new Delivery(n))];

    /// <summary>Theory data: one case per delivery.</summary>
    public static TheoryData<Delivery> All()
    {
        var data = new TheoryData<Delivery>();
        foreach (var delivery in Every) data.Add(delivery);
        return data;
    }

    /// <summary>Theory data: every delivery but the whole body, for tests that compare with it.</summary>
    public static TheoryData<Delivery> Split()
    {
        var data = new TheoryData<Delivery>();
        foreach (var delivery in Every.Where(d => !d.IsWhole)) data.Add(delivery);
        return data;
    }

    /// <summary>
    /// Theory data for a body whose connection resets after its last byte: every delivery but those with lone-CR line
    /// endings, which lose the last event there (a known issue: <c>LoneCrFramingTests</c>).
    /// </summary>
    public static TheoryData<Delivery> AllButLoneCr()
    {
        var data = new TheoryData<Delivery>();
        foreach (var delivery in Every.Where(d => !d.EndsLinesWithLoneCr)) data.Add(delivery);
        return data;
    }

    public static Delivery Named(string name) => new(name);

    private static IEnumerable<string> ExtraSeed() =>
        int.TryParse(Environment.GetEnvironmentVariable("EZROUTER_TEST_SEED"), out var seed) ? [$"random chunks (seed {seed})"] : [];

    /// <summary>"\n", "\r\n" or "\r"; null keeps the body's line endings as written.</summary>
    public string? LineEnding { get; private set; }

    /// <summary>1 for one byte per read, 0 for whole reads.</summary>
    public int FixedChunk { get; private set; }

    /// <summary>The seed of a random split; null when the split is not random.</summary>
    public int? Seed { get; private set; }

    public bool IsWhole => LineEnding is null && FixedChunk == 0 && Seed is null;

    public bool EndsLinesWithLoneCr => LineEnding == "\r";

    public override string ToString() => _name;

    [GeneratedRegex(@"^(?:(?<eol>CRLF|CR|LF) line endings, )?(?:(?<whole>whole)|(?<bytes>1 byte per read)|random chunks \(seed (?<seed>-?\d+)\))$")]
    private static partial Regex Recipe();

    private void Parse()
    {
        var match = Recipe().Match(_name);
        if (!match.Success) throw new ArgumentException($"not a delivery: '{_name}'");
        LineEnding = match.Groups["eol"].Value switch { "CRLF" => "\r\n", "CR" => "\r", "LF" => "\n", _ => null };
        FixedChunk = match.Groups["bytes"].Success ? 1 : 0;
        Seed = match.Groups["seed"].Success ? int.Parse(match.Groups["seed"].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    /// <summary>The body's bytes as this delivery sends them (line endings rewritten where it says so).</summary>
    public byte[] Bytes(string body)
    {
        if (LineEnding is { } eol) body = body.Replace("\r\n", "\n").Replace('\r', '\n').Replace("\n", eol);
        return Encoding.UTF8.GetBytes(body);
    }

    /// <summary>
    /// A response body for the mock transport. Whole: a <see cref="ByteArrayContent"/>, exactly what
    /// <see cref="StringContent"/> was. Otherwise a <see cref="ChunkedStream"/>; <paramref name="resetAtEnd"/> makes the
    /// read after the last byte fail as a reset connection does.
    /// </summary>
    public HttpContent Content(string body, bool resetAtEnd = false)
    {
        var bytes = Bytes(body);
        if (IsWhole && !resetAtEnd) return new ByteArrayContent(bytes);
        return new StreamContent(Stream(new MemoryStream(bytes), resetAtEnd));
    }

    /// <summary>The reads of <paramref name="inner"/>, split as this delivery says (line endings are not rewritten here: see <see cref="Bytes"/>).</summary>
    public ChunkedStream Stream(Stream inner, bool resetAtEnd = false) => new(inner, this, resetAtEnd);

    /// <summary>The size of the next read and whether it completes asynchronously.</summary>
    internal Func<(int Size, bool Async)> NewSplitter()
    {
        if (Seed is not { } seed) return FixedChunk == 0 ? () => (int.MaxValue, false) : () => (FixedChunk, false);
        var random = new Random(seed);
        // Mostly small reads (splits inside "data:", inside CR LF, inside a UTF-8 sequence), some larger ones (several
        // events in one read), and about one read in four completing after a yield.
        return () => (random.Next(4) == 0 ? random.Next(1, 300) : random.Next(1, 9), random.Next(4) == 0);
    }

    public void Deserialize(IXunitSerializationInfo info)
    {
        _name = info.GetValue<string>("name");
        Parse();
    }

    public void Serialize(IXunitSerializationInfo info) => info.AddValue("name", _name);
}

/// <summary>
/// A forward-only body that hands out its inner stream's bytes in the reads its <see cref="Delivery"/> says, and
/// counts them (so a test can check the split reached the reader and was not buffered away on the way).
/// </summary>
public sealed class ChunkedStream : ForwardOnlyStream
{
    private readonly Stream _inner;
    private readonly Func<(int Size, bool Async)> _next;
    private readonly bool _resetAtEnd;

    internal ChunkedStream(Stream inner, Delivery delivery, bool resetAtEnd)
    {
        _inner = inner;
        _next = delivery.NewSplitter();
        _resetAtEnd = resetAtEnd;
    }

    /// <summary>Reads that returned bytes.</summary>
    public int Reads { get; private set; }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty) return 0;
        var (size, _) = _next();
        return Counted(_inner.Read(buffer[..Math.Min(size, buffer.Length)]));
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested) return ValueTask.FromCanceled<int>(cancellationToken);
        if (buffer.IsEmpty) return new(0);
        var (size, async) = _next();
        var slice = buffer[..Math.Min(size, buffer.Length)];
        return async ? AfterYieldAsync(slice, cancellationToken) : new(Counted(_inner.Read(slice.Span)));
    }

    private async ValueTask<int> AfterYieldAsync(Memory<byte> slice, CancellationToken cancellationToken)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        return Counted(_inner.Read(slice.Span));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Counted(int read)
    {
        if (read > 0) Reads++;
        else if (_resetAtEnd) throw new IOException("The response ended prematurely (connection reset by the test's delivery).");
        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _inner.Dispose();
        base.Dispose(disposing);
    }
}
