using System;
using System.Threading;
using System.Threading.Tasks;
using Ezrouter.Middleware.Options;

namespace Ezrouter.Middleware;

/// <summary>
/// What a client knows of its account's rate limits, and the gate its requests pass before they are sent: at most
/// <see cref="ConcurrencyLimit"/> in flight (the gateway's <c>x-concurrent-limit</c>), and no more in a window than the
/// gateway says remain (<c>x-ratelimit-remaining-requests</c>) until it resets (<c>x-ratelimit-reset-requests</c>).
/// Used by <see cref="RateLimitPacingHandler"/>; public so callers can read what it knows. Thread-safe.
/// </summary>
/// <remarks>
/// <para>Before the first answer nothing is known: one request goes alone, and its answer's headers set the limits. An
/// answer without a concurrency header opens the gate to <see cref="RateLimitPacingOptions.MaxConcurrentRequests"/>; one
/// without the request headers leaves the count alone. Requests wait for a slot first come, first served (the
/// platform's <see cref="System.Threading.RateLimiting.ConcurrencyLimiter"/>, resized as the header changes), then for
/// room in the window.</para>
/// <para>The window is counted the gateway's way: its remaining count, less the requests this client sent after the
/// one that answer is for (they are not in that count yet); answers from the same window (the same reset instant) can
/// only lower it; an answer for an older window, arriving late, is ignored. The reset instant is read against the
/// answer's own <c>Date</c> (how far ahead the gateway's clock says it is), not this machine's clock, and capped at
/// <see cref="RateLimitPacingOptions.MaxResetDelay"/>. When the window ends, the full limit is available again, less
/// the requests still unanswered (the gateway may count them in the new window); with no limit named, one request
/// probes the new window once none is unanswered, whether their answers came without a count or never came. A 429's <c>Retry-After</c> holds every
/// request back that long (capped the same way), and ends a window it found used up at the same moment. A value that is missing, unreadable, negative or in the past changes
/// nothing; no header can make a wait longer than <see cref="RateLimitPacingOptions.MaxResetDelay"/> at a time, and a
/// call's own token (its caller's and its total time limit) ends its wait whenever it fires.</para>
/// </remarks>
public sealed class RateLimitPacer
{
    // A window whose end the gateway did not name is taken to be EzAI's: a minute (capped by MaxResetDelay).
    private static readonly TimeSpan UsualWindow = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan ShortestWait = TimeSpan.FromMilliseconds(1);

    private readonly object _gate = new();
    private readonly ResizableConcurrencyLimiter _slots;
    private readonly RateLimitPacingOptions _options;
    private readonly TimeProvider _time;
    private TaskCompletionSource _changed = NewSignal();
    private bool _concurrencyKnown;
    private int? _limit;
    private int? _remaining;
    private DateTimeOffset? _resetAt;
    private DateTimeOffset? _windowKey;
    private DateTimeOffset? _newestKey;
    private DateTimeOffset _heldUntil = DateTimeOffset.MinValue;
    private long _sent;
    private int _unanswered;
    private bool _probeOwed;
    private int _waitingForWindow;
    private EzrouterRateLimit? _latest;

    /// <summary>Creates a pacer that knows nothing yet: the first request goes alone.</summary>
    public RateLimitPacer(RateLimitPacingOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Clone();
        _time = timeProvider ?? TimeProvider.System;
        _slots = new ResizableConcurrencyLimiter(_options.MaxConcurrentRequests, initialLimit: 1);
    }

    /// <summary>Requests allowed in flight now.</summary>
    public int ConcurrencyLimit => _slots.Limit;

    /// <summary>Requests holding a slot now (sent, or about to be, and their bodies not yet released).</summary>
    public int InFlight => _slots.InFlight;

    /// <summary>Requests waiting in the client: for a slot, or for room in the window.</summary>
    public int Waiting => _slots.Waiting + Volatile.Read(ref _waitingForWindow);

    /// <summary>Requests this client may still send in the current window; null when the gateway has not said.</summary>
    public int? RemainingRequests
    {
        get { lock (_gate) return _remaining; }
    }

    /// <summary>When the current window ends, on this machine's clock; null when unknown.</summary>
    public DateTimeOffset? ResetAt
    {
        get { lock (_gate) return _resetAt; }
    }

    /// <summary>The last rate limits a gateway answer reported.</summary>
    public EzrouterRateLimit? Latest => Volatile.Read(ref _latest);

    /// <summary>Waits until the request may be sent; dispose the permit when its body is released.</summary>
    internal async ValueTask<Permit> AcquireAsync(CancellationToken cancellationToken)
    {
        var slot = await _slots.AcquireAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return new Permit(this, slot, await TakeRequestAsync(cancellationToken).ConfigureAwait(false));
        }
        catch
        {
            slot.Dispose();
            throw;
        }
    }

    /// <summary>Learns from the answer to a permit's request: its rate-limit headers, its <c>Date</c>, a 429's wait.</summary>
    internal void Observe(Permit permit, EzrouterRateLimit? snapshot, DateTimeOffset? serverDate, TimeSpan? retryAfter)
    {
        if (!permit.MarkAnswered()) return;
        int? resize = null;
        lock (_gate)
        {
            _unanswered--;
            var now = _time.GetUtcNow();
            if (snapshot is not null)
            {
                _latest = snapshot;
                Count(snapshot, permit.Sequence, serverDate, now);
            }
            OpenProbeIfOwed();
            if (snapshot?.ConcurrentLimit is { } concurrent) resize = concurrent;
            else if (!_concurrencyKnown) resize = _slots.Ceiling;
            _concurrencyKnown = true;
            if (retryAfter is { } wait && wait > TimeSpan.Zero) HoldFor(now + Capped(wait));
            Signal();
        }
        // Outside the lock: a resize may let a waiter in, whose code then runs on this thread.
        if (resize is { } limit) _slots.Resize(limit);
    }

    // A refusal's Retry-After says when to try again: nothing goes before then, and a window it found used up is over
    // by then whatever its reset said (the gateway's answer to this very request beats a reset instant it also sent).
    private void HoldFor(DateTimeOffset until)
    {
        if (until > _heldUntil) _heldUntil = until;
        if (_remaining == 0 && _resetAt is { } reset && reset > until) _resetAt = until;
    }

    /// <summary>A permit whose request got no answer (or whose answer was already observed) is done.</summary>
    private void Forget(Permit permit)
    {
        if (!permit.MarkAnswered()) return;
        lock (_gate)
        {
            _unanswered--;
            OpenProbeIfOwed();
            Signal();
        }
    }

    // A window rolled with no known limit and requests still out waits for their answers to tell its count. When the last
    // of them ends without telling it (dropped, or answered without the headers), the window's one probe may go: else
    // nothing would be sent until the window after.
    private void OpenProbeIfOwed()
    {
        if (!_probeOwed || _unanswered > 0) return;
        _probeOwed = false;
        if (_remaining == 0) _remaining = 1;
    }

    private async ValueTask<long> TakeRequestAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            TimeSpan wait;
            Task changed;
            lock (_gate)
            {
                var now = _time.GetUtcNow();
                RollIfDue(now);
                if (now < _heldUntil) wait = _heldUntil - now;
                else if (_remaining is not { } left || left > 0)
                {
                    if (_remaining is not null) _remaining--;
                    _unanswered++;
                    return ++_sent;
                }
                else wait = _resetAt is { } reset ? reset - now : Capped(UsualWindow);
                changed = _changed.Task;
            }
            await WaitAsync(wait < ShortestWait ? ShortestWait : Capped(wait), changed, cancellationToken).ConfigureAwait(false);
        }
    }

    // Until the wait is over, news (an answer) arrives, or the call's token fires, whichever is first.
    private async Task WaitAsync(TimeSpan wait, Task changed, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _waitingForWindow);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            await Task.WhenAny(Task.Delay(wait, _time, stop.Token), changed).ConfigureAwait(false);
        }
        finally
        {
            // Ends the delay's timer when the news came first.
            stop.Cancel();
            Interlocked.Decrement(ref _waitingForWindow);
        }
        cancellationToken.ThrowIfCancellationRequested();
    }

    private void RollIfDue(DateTimeOffset now)
    {
        if (_resetAt is not { } reset || now < reset) return;
        _windowKey = null;
        // Requests sent before the reset and not yet answered may land in the new window: they are kept out of it.
        // Without a known limit, one request probes the new window and its answer tells the rest.
        _remaining = _limit is { } limit ? Math.Max(0, limit - _unanswered) : _unanswered == 0 ? 1 : 0;
        _probeOwed = _limit is null && _unanswered > 0;
        _resetAt = now + Capped(UsualWindow);
    }

    private void Count(EzrouterRateLimit snapshot, long sequence, DateTimeOffset? serverDate, DateTimeOffset now)
    {
        // A limit of 0 cannot mean that nothing may ever be sent: one a window probes it.
        if (snapshot.LimitRequests is { } limit) _limit = Math.Max(1, limit);
        if (snapshot.RemainingRequests is not { } reported) return;
        // The gateway's count does not include what this client sent after this request.
        var sentSince = _sent - sequence;
        var left = (int)Math.Max(0, Math.Min(reported, _limit ?? reported) - sentSince);
        if (snapshot.ResetRequests is { } key)
        {
            var ahead = key - (serverDate ?? now);
            if (ahead <= TimeSpan.Zero) return;
            if (key == _windowKey)
            {
                _remaining = Math.Min(_remaining ?? left, left);
                return;
            }
            if (_newestKey is { } newest && key <= newest) return;
            _windowKey = _newestKey = key;
            _remaining = left;
            _probeOwed = false;
            _resetAt = now + Capped(ahead);
            return;
        }
        _remaining = Math.Min(_remaining ?? left, left);
        _resetAt ??= now + Capped(UsualWindow);
    }

    private TimeSpan Capped(TimeSpan wait) => wait > _options.MaxResetDelay ? _options.MaxResetDelay : wait;

    private void Signal()
    {
        var old = _changed;
        _changed = NewSignal();
        old.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>One request's place: a slot until disposed, and its number in the order requests were let go.</summary>
    internal sealed class Permit : IDisposable
    {
        private readonly RateLimitPacer _owner;
        private readonly IDisposable _slot;
        private int _answered;

        public Permit(RateLimitPacer owner, IDisposable slot, long sequence)
        {
            _owner = owner;
            _slot = slot;
            Sequence = sequence;
        }

        public long Sequence { get; }

        public bool MarkAnswered() => Interlocked.Exchange(ref _answered, 1) == 0;

        public void Dispose()
        {
            _owner.Forget(this);
            _slot.Dispose();
        }
    }
}
