using System;
using Microsoft.Kiota.Abstractions;
using Ezrouter.Middleware;

namespace Ezrouter;

/// <summary>
/// The client's timeouts, each separate. The gateway has no upstream timeout and queues silently under load
/// (docs/gateway-behavior.md §17), so these are the only limits a call has. Null switches one off. Also the option of
/// <see cref="TotalTimeoutHandler"/> and <see cref="FirstByteTimeoutHandler"/>: a request that carries one in its
/// options (<c>c.Options.Add(new EzrouterTimeouts { Total = … })</c>) is held to its limits instead of the client's.
/// </summary>
public sealed class EzrouterTimeouts : IRequestOption
{
    /// <summary>The longest limit a setter accepts: one day.</summary>
    public static readonly TimeSpan MaxLimit = TimeSpan.FromDays(1);

    private TimeSpan? _connect = TimeSpan.FromSeconds(10);
    private TimeSpan? _firstByte = TimeSpan.FromMinutes(5);
    private TimeSpan? _idle = TimeSpan.FromMinutes(5);
    private TimeSpan? _total = TimeSpan.FromMinutes(30);

    /// <summary>Opening a connection (applies to the transport this SDK builds). Default 10 s.</summary>
    public TimeSpan? Connect { get => _connect; set => _connect = Checked(value); }

    /// <summary>From sending a request (each attempt) to its response headers. Default 5 min: reasoning models can think long before answering.</summary>
    public TimeSpan? FirstByte { get => _firstByte; set => _firstByte = Checked(value); }

    /// <summary>The longest pause between two stream events. Default 5 min, the gateway's own streaming cut-off.</summary>
    public TimeSpan? Idle { get => _idle; set => _idle = Checked(value); }

    /// <summary>The whole call including retries and the full stream. Default 30 min, so long generations are not cut at 100 s.</summary>
    public TimeSpan? Total { get => _total; set => _total = Checked(value); }

    internal EzrouterTimeouts Clone() => (EzrouterTimeouts)MemberwiseClone();

    // A limit is a positive time of at most a day: zero or less would fail every call, and the timers under it
    // cannot wait much longer than three weeks.
    private static TimeSpan? Checked(TimeSpan? value, [System.Runtime.CompilerServices.CallerMemberName] string name = "") =>
        value is { } limit && (limit <= TimeSpan.Zero || limit > MaxLimit)
            ? throw new ArgumentOutOfRangeException(name, limit, $"A timeout is null (none), or more than zero and at most {MaxLimit.TotalDays:0} day; {name} was {limit}.")
            : value;
}
