namespace Ezrouter.Cli.Tests.Processes;

/// <summary>
/// One <c>recorded-gateway</c> process per test class, on a free port; stopped with SIGTERM. A subclass passes a
/// folder of test cassettes to serve beside the embedded ones, removed when the fixture ends.
/// </summary>
public class GatewayProcessFixture : IAsyncLifetime
{
    private readonly string? _cassetteFolder;
    private readonly IDisposable? _cassettes;
    private CliProcess? _process;

    public GatewayProcessFixture()
    {
    }

    protected GatewayProcessFixture(string cassetteFolder, IDisposable cassettes)
    {
        _cassetteFolder = cassetteFolder;
        _cassettes = cassettes;
    }

    public string BaseUrl { get; private set; } = "";

    public int Port => new Uri(BaseUrl).Port;

    /// <summary>The environment that points a CLI process at this gateway.</summary>
    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?> { ["EZROUTER_BASE_URL"] = BaseUrl };

    public async Task InitializeAsync()
    {
        _process = CliProcess.Start(_cassetteFolder is null ? ["recorded-gateway"] : ["recorded-gateway", "--cassettes", _cassetteFolder]);
        BaseUrl = await _process.FirstLineAsync(TimeSpan.FromSeconds(30));
        if (_cassetteFolder is not null) Assert.True(BaseUrl.StartsWith("http://127.0.0.1:", StringComparison.Ordinal), _process.Err);
    }

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.SignalAsync("TERM");
            await _process.WaitAsync(TimeSpan.FromSeconds(5));
            _process.Dispose();
        }
        _cassettes?.Dispose();
    }
}
