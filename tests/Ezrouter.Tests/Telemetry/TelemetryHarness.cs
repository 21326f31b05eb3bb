using System.Diagnostics;
using System.Text;
using Ezrouter.Diagnostics;
using Ezrouter.Generated.Anthropic.Models;
using Ezrouter.Generated.OpenAi.Models;
using Ezrouter.Streaming;
using Ezrouter.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Ezrouter.Tests.Telemetry;

/// <summary>
/// A recorded gateway on its own port, a client over it, and everything the SDK emits for it: spans and metrics
/// through OpenTelemetry's in-memory exporters (as an application's <c>AddSource("Ezrouter")</c> /
/// <c>AddMeter("Ezrouter")</c> would see them), log lines through a FakeLogger. Tests run in parallel and the
/// source is process-wide, so spans and metric points are kept only when their <c>server.port</c> is this gateway's.
/// </summary>
internal sealed class TelemetryHarness : IAsyncDisposable
{
    private readonly List<Activity> _spans = [];
    private readonly List<Metric> _metrics = [];
    private readonly TracerProvider _tracer;
    private readonly MeterProvider _meter;

    private readonly ServiceProvider? _services;
    private readonly HttpClient? _httpClient;

    private TelemetryHarness(RecordedGateway gateway, Action<EzrouterClientOptions>? configure, string apiKey, ClientConstruction construction)
    {
        Gateway = gateway;
        _tracer = Sdk.CreateTracerProviderBuilder().AddSource(EzrouterTelemetry.ActivitySourceName).AddInMemoryExporter(_spans).Build()!;
        _meter = Sdk.CreateMeterProviderBuilder().AddMeter(EzrouterTelemetry.MeterName).AddInMemoryExporter(_metrics).Build()!;
        Logs = new FakeLoggerProvider();
        LoggerFactory = new LoggerFactory([Logs], new LoggerFilterOptions { MinLevel = LogLevel.Trace });
        void Configure(EzrouterClientOptions options)
        {
            options.ApiKey = apiKey;
            options.BaseUrl = gateway.BaseUrl;
            options.LoggerFactory = LoggerFactory;
            options.Retry.BaseDelay = TimeSpan.FromMilliseconds(10);
            options.Retry.MaxDelay = TimeSpan.FromMilliseconds(20);
            configure?.Invoke(options);
        }
        var options = new EzrouterClientOptions();
        Configure(options);
        switch (construction)
        {
            case ClientConstruction.CallersHttpClient:
                _httpClient = new HttpClient();
                Client = new EzrouterClient(_httpClient, options);
                break;
            case ClientConstruction.DependencyInjection:
                var services = new ServiceCollection();
                services.AddEzrouter(Configure);
                _services = services.BuildServiceProvider();
                Client = _services.GetRequiredService<EzrouterClient>();
                break;
            default:
                Client = new EzrouterClient(options);
                break;
        }
    }

    /// <summary>How the harness builds its client: each way has its own pipeline assembly, so each is scanned.</summary>
    public enum ClientConstruction { Options, CallersHttpClient, DependencyInjection }

    public const string DefaultKey = "sk-ezr-telemetry-KEY-7f3a9c2e5b1d4f60";

    public static Task<TelemetryHarness> StartAsync(Action<EzrouterClientOptions>? configure = null, string apiKey = DefaultKey, params string[] cassettes) =>
        StartAsync(ClientConstruction.Options, configure, apiKey, cassettes);

    public static async Task<TelemetryHarness> StartAsync(ClientConstruction construction, Action<EzrouterClientOptions>? configure, string apiKey, params string[] cassettes)
    {
        var gateway = await RecordedGateway.StartAsync(new RecordedGatewayOptions { Cassettes = cassettes.Select(Cassette.Load).ToList() });
        return new TelemetryHarness(gateway, configure, apiKey, construction);
    }

    public RecordedGateway Gateway { get; }
    public EzrouterClient Client { get; }
    public FakeLoggerProvider Logs { get; }
    public ILoggerFactory LoggerFactory { get; }
    public int Port => Gateway.BaseUrl.Port;

    /// <summary>This gateway's ended spans.</summary>
    public IReadOnlyList<Activity> Spans
    {
        get
        {
            _tracer.ForceFlush();
            lock (_spans) return _spans.Where(s => s.GetTagItem("server.port") is int port && port == Port).ToList();
        }
    }

    public Activity SingleSpan() => Assert.Single(Spans);

    /// <summary>This gateway's metric points, by instrument name: the point's tags, its count and its sum.</summary>
    public IReadOnlyList<(string Name, Dictionary<string, object?> Tags, long Count, double Sum)> Points()
    {
        _meter.ForceFlush();
        var points = new List<(string, Dictionary<string, object?>, long, double)>();
        lock (_metrics)
            foreach (var metric in _metrics)
                foreach (ref readonly var point in metric.GetMetricPoints())
                {
                    var tags = new Dictionary<string, object?>();
                    foreach (var tag in point.Tags) tags[tag.Key] = tag.Value;
                    if (tags.GetValueOrDefault("server.port") is not int port || port != Port) continue;
                    points.Add((metric.Name, tags, point.GetHistogramCount(), point.GetHistogramSum()));
                }
        // Cumulative export: each flush repeats the totals so far, so the last export of each series is the one to read.
        return points.GroupBy(p => (p.Item1, string.Join(",", p.Item2.OrderBy(t => t.Key).Select(t => $"{t.Key}={t.Value}"))))
            .Select(g => g.Last()).ToList();
    }

    public IReadOnlyList<FakeLogRecord> LogLines => Logs.Collector.GetSnapshot();

    public static CreateChatCompletionRequest ChatRequest(string model, string text, bool? stream = null) =>
        KiotaJson.Parse(Encoding.UTF8.GetBytes($$"""{"model":"{{model}}",{{(stream is { } s ? $"\"stream\":{(s ? "true" : "false")}," : "")}}"messages":[{"role":"user","content":"{{text}}"}]}"""),
            CreateChatCompletionRequest.CreateFromDiscriminatorValue);

    public static CreateMessageRequest MessageRequest(string model, string text, bool? stream = null) =>
        KiotaJson.Parse(Encoding.UTF8.GetBytes($$"""{"model":"{{model}}","max_tokens":100,{{(stream is { } s ? $"\"stream\":{(s ? "true" : "false")}," : "")}}"system":"Be brief.","messages":[{"role":"user","content":"{{text}}"}]}"""),
            CreateMessageRequest.CreateFromDiscriminatorValue);

    public async ValueTask DisposeAsync()
    {
        if (_services is not null) await _services.DisposeAsync();
        else Client.Dispose();
        _httpClient?.Dispose();
        _tracer.Dispose();
        _meter.Dispose();
        LoggerFactory.Dispose();
        await Gateway.DisposeAsync();
    }
}
