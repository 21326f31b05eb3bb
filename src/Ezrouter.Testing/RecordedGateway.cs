using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Ezrouter.Testing.Defaults;
using Ezrouter.Testing.Hosting;
using Ezrouter.Testing.Recording;
using Ezrouter.Testing.Replay;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ezrouter.Testing;

/// <summary>
/// A stand-in for the ezrouter gateway on 127.0.0.1: it replays cassettes byte for byte (status,
/// headers, JSON bodies, SSE frames with their pauses, cut connections), or, in record mode, proxies
/// to a real gateway and writes what it sees as cassettes. When no cassette matches, it answers as the
/// gateway would, with a stand-in reply for a catalog model (see <see cref="RecordedGatewayOptions.Strict"/>). With a
/// <see cref="RecordedGatewayOptions.Tier"/> it also enforces an account's rate limits as EzAI does.
/// </summary>
/// <example>
/// <code>
/// await using var gateway = await RecordedGateway.StartAsync();
/// var http = new HttpClient { BaseAddress = gateway.BaseUrl };
/// var models = await http.GetStringAsync("v1/models");
/// </code>
/// </example>
public sealed class RecordedGateway : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly RequestLog log;
    private readonly CassetteSelector? selector;
    private readonly RecordingProxy? proxy;
    private int disposed;

    private RecordedGateway(WebApplication app, Uri baseUrl, RequestLog log, CassetteSelector? selector, RecordingProxy? proxy)
    {
        this.app = app;
        BaseUrl = baseUrl;
        this.log = log;
        this.selector = selector;
        this.proxy = proxy;
    }

    /// <summary>The server's root, <c>http://127.0.0.1:&lt;port&gt;/</c>. The OpenAI surface is under <c>v1/</c>, the Anthropic one under <c>anthropic/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Whether this instance is a recording proxy rather than a replay server.</summary>
    public bool IsRecording => proxy is not null;

    /// <summary>The cassettes being replayed, in ordinal name order; in record mode, the cassettes written so far.</summary>
    public IReadOnlyList<Cassette> Cassettes => proxy?.Recorded ?? selector!.Cassettes;

    /// <summary>The requests received so far, in arrival order, with secret headers redacted.</summary>
    public IReadOnlyList<RecordedRequest> Requests => log.Snapshot();

    /// <summary>Starts a replay server.</summary>
    /// <param name="options">Where cassettes come from and which port to use; null for the embedded cassettes on a free port.</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    /// <returns>The running gateway; dispose it to stop the server.</returns>
    public static async Task<RecordedGateway> StartAsync(RecordedGatewayOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new RecordedGatewayOptions();
        var cassettes = new List<Cassette>();
        if (options.IncludeEmbedded)
        {
            cassettes.AddRange(Cassette.LoadEmbedded());
        }

        if (options.CassetteDirectory is { } directory)
        {
            cassettes.AddRange(Cassette.LoadDirectory(directory));
        }

        foreach (var cassette in options.Cassettes ?? [])
        {
            ArgumentNullException.ThrowIfNull(cassette, nameof(options));
            CassetteValidator.Validate(cassette);
            cassettes.Add(cassette);
        }

        var selector = new CassetteSelector(cassettes);
        var defaults = options.Strict ? null : new DefaultAnswers(selector);
        var tier = options.Tier is { } enforced ? new TierGate(enforced, options.RateWindow) : null;
        var log = new RequestLog();
        var (app, baseUrl) = await LoopbackHost.StartAsync(options.Port, context => ReplayAsync(context, selector, defaults, tier, log), cancellationToken)
            .ConfigureAwait(false);
        return new RecordedGateway(app, baseUrl, log, selector, null);
    }

    /// <summary>
    /// Starts a recording proxy: each request is forwarded to <see cref="RecordingOptions.UpstreamBaseUrl"/>,
    /// the answer is streamed back as it arrives, and the exchange is written to
    /// <see cref="RecordingOptions.OutputDirectory"/> as one redacted cassette. A client may name the
    /// cassette with the <c>X-Cassette</c> request header.
    /// </summary>
    /// <param name="options">Upstream, output directory, key and port.</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    /// <returns>The running proxy; dispose it to stop the server.</returns>
    public static async Task<RecordedGateway> StartRecordingAsync(RecordingOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.UpstreamBaseUrl, nameof(options));
        ArgumentException.ThrowIfNullOrEmpty(options.OutputDirectory, nameof(options));

        var log = new RequestLog();
        var proxy = new RecordingProxy(options, log);
        try
        {
            var (app, baseUrl) = await LoopbackHost.StartAsync(options.Port, proxy.HandleAsync, cancellationToken).ConfigureAwait(false);
            return new RecordedGateway(app, baseUrl, log, null, proxy);
        }
        catch
        {
            proxy.Dispose();
            throw;
        }
    }

    /// <summary>Forgets received requests and rewinds every cassette's sequence to its first interaction.</summary>
    public void Reset()
    {
        log.Clear();
        selector?.Reset();
    }

    /// <summary>
    /// Stops the server. A replay in flight is cut at once (its client sees the answer end early): its pauses are
    /// the cassette's, and waiting them out would hold up a process that is asked to stop. A recording proxy waits
    /// briefly for the exchanges in flight.
    /// </summary>
    /// <returns>A task that completes when the server has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        try
        {
            await app.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            await app.DisposeAsync().ConfigureAwait(false);
            proxy?.Dispose();
        }
    }

    private static async Task ReplayAsync(HttpContext context, CassetteSelector selector, DefaultAnswers? defaults, TierGate? tier, RequestLog log)
    {
        // Stopping the server ends the replay too, not only the client going away.
        var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        var cancellationToken = ended.Token;
        var body = await RequestBody.ReadAsync(context.Request, cancellationToken).ConfigureAwait(false);
        var request = RequestSnapshot.From(context.Request, body);
        var redactor = new SecretRedactor(SecretRedactor.CredentialsIn(request.Headers));

        // A tier decides before any cassette: a refused request is answered 429 whatever it asked for.
        var admission = tier?.Admit(DateTimeOffset.UtcNow);
        if (admission is { Admitted: false })
        {
            log.Add(Logged(request, redactor, body, null, StatusCodes.Status429TooManyRequests));
            await tier!.RefuseAsync(context, admission, cancellationToken).ConfigureAwait(false);
            return;
        }

        using var ticket = admission?.Ticket;
        var selection = selector.Select(request);

        // An unknown X-Cassette name is a test's mistake, so it keeps the diagnostic even when replay is not strict.
        if (selection.Cassette is null && defaults is not null && !request.Headers.ContainsKey(CassetteMatcher.CassetteHeader))
        {
            selection = defaults.Answer(request, DateTimeOffset.UtcNow) ?? selection;
        }

        var answer = selection.Cassette?.Interactions[selection.Index].Response;
        log.Add(Logged(request, redactor, body, selection, answer?.Status ?? StatusCodes.Status404NotFound));
        if (admission is not null)
        {
            tier!.Attach(context, admission, answer);
        }

        if (selection.Cassette is { } cassette)
        {
            await ReplayWriter.WriteAsync(context, cassette, selection.Index, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await ReplayWriter.WriteNoMatchAsync(context, selection.Diagnostic ?? "recorded gateway: no match", cancellationToken)
                .ConfigureAwait(false);
        }
    }

    private static RecordedRequest Logged(RequestSnapshot request, SecretRedactor redactor, byte[] body, Selection? selection, int status) => new(
        request.Method,
        request.Path,
        request.Query,
        redactor.RedactHeaders(request.Headers),
        Encoding.UTF8.GetString(body),
        selection?.Cassette?.Name,
        selection?.Cassette is null ? null : selection.Value.Index,
        DateTimeOffset.UtcNow,
        status);
}
