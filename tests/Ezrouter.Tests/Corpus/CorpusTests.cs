namespace Ezrouter.Tests.Corpus;

/// <summary>
/// The bad-input corpus (issue #12 item 5), in process: each case's answer comes from a transport handler, the call
/// runs to its end (a stream enumerated to the end), and the outcome is the one the case demands — completed with
/// the right data, a typed error of the right subtype, or a truncation with the partial result. Never a hang (10 s),
/// never an untyped exception, never the key in the exception. Cases in <see cref="KnownFailing"/> must still fail.
/// </summary>
public class CorpusTests
{
    public static TheoryData<string> Cases() => CorpusCases.InProcessGroups();

    /// <summary>One case, or a block of cases (truncation offsets) each asserted; the failures of a block reported together.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Case(string idOrBlock)
    {
        var failures = new List<string>();
        foreach (var c in CorpusCases.InGroup(idOrBlock))
        {
            Current.Value = c.Respond!;
            var outcome = await CorpusRunner.RunAsync(Shared.Value, c.Call);
            try
            {
                CorpusRunner.Assert(c, outcome);
            }
            catch (Xunit.Sdk.XunitException e)
            {
                failures.Add(e.Message);
            }
        }
        if (failures.Count > 0) throw new Xunit.Sdk.XunitException($"{failures.Count} case(s) failed:\n" + string.Join("\n\n", failures));
    }

    // One client for every in-process case (building one per case cost more than the case): its transport answers
    // with the current case's response, which flows with the call (AsyncLocal), so concurrent cases cannot mix.
    private static readonly AsyncLocal<Func<HttpRequestMessage, HttpResponseMessage>?> Current = new();

    private static readonly Lazy<EzrouterClient> Shared = new(() => CorpusRunner.Client(new Transport(request =>
        (Current.Value ?? throw new InvalidOperationException("no corpus case is running"))(request))));

    [Fact]
    public void TheCorpusHasAtLeast400CasesOnEveryCall()
    {
        var every = CorpusCases.Every.ToList();
        Assert.True(every.Count >= 400, $"{every.Count} cases");
        foreach (var call in CorpusCases.AllCalls) Assert.True(every.Count(c => c.Call == call) >= 80, $"{call}: {every.Count(c => c.Call == call)} cases");
        var ids = every.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var stale = KnownFailing.Ids.Where(id => !ids.Contains(id)).ToList();
        Assert.True(stale.Count == 0, $"KnownFailing names cases that do not exist: {string.Join(", ", stale)}");
    }

    private sealed class Transport(Func<HttpRequestMessage, HttpResponseMessage> respond) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Content is not null) await request.Content.ReadAsByteArrayAsync(cancellationToken);
            var response = respond(request);
            response.RequestMessage = request;
            return response;
        }
    }
}

/// <summary>The corpus cases that need a real socket (see <see cref="RawHttpServer"/>).</summary>
public class LoopbackCorpusTests
{
    public static TheoryData<string> Cases() => CorpusCases.LoopbackIds();

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Case(string id)
    {
        var c = CorpusCases.Get(id);
        await using var second = c.Second is { } answer ? new RawHttpServer(_ => answer) : null;
        await using var server = new RawHttpServer(_ => c.Raw!(second?.BaseUrl));
        using var transport = c.CallerTransport ? new SocketsHttpHandler { AllowAutoRedirect = true } : null;
        using var client = CorpusRunner.Client(transport, server.BaseUrl);
        var outcome = await CorpusRunner.RunAsync(client, c.Call);
        string? leak = null;
        if (second is not null)
        {
            var seen = string.Join("\n", second.Requests);
            if (seen.Contains(CorpusRunner.Key, StringComparison.Ordinal)) leak = $"the key went to the redirect's other host: {seen.Split("\r\n\r\n")[0].ReplaceLineEndings(" | ")}";
        }
        CorpusRunner.Assert(c, outcome, leak);
    }
}
