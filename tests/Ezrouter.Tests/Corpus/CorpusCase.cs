using System.Net;
using System.Text;

namespace Ezrouter.Tests.Corpus;

/// <summary>The five public calls the corpus drives.</summary>
public enum CorpusCall
{
    ChatComplete,
    ChatStream,
    MessagesCreate,
    MessagesStream,
    ModelsList,
}

/// <summary>
/// One bad-input case: which call, what the fake gateway answers, and the outcome the issue (#12) demands. The id is
/// the whole identity (family/what/call) and is what the theory gets, so a failing case reruns by name.
/// </summary>
public sealed class CorpusCase
{
    public required string Id { get; init; }

    public required CorpusCall Call { get; init; }

    /// <summary>The theory row the case runs in: its id, or a block of cases run together (cheaper than a row each).</summary>
    public string? Group { get; init; }

    /// <summary>The in-process answer (a fresh response per request). Null for a loopback case.</summary>
    public Func<HttpRequestMessage, HttpResponseMessage>? Respond { get; init; }

    /// <summary>
    /// The raw bytes a loopback case writes on the socket, and how it closes, given the second server's base URL
    /// (for a redirect to another host). Null for an in-process case.
    /// </summary>
    public Func<Uri?, RawAnswer>? Raw { get; init; }

    /// <summary>A second loopback server (another host: another port), for redirects; it must never see the key.</summary>
    public RawAnswer? Second { get; init; }

    /// <summary>The caller's own transport (a <c>SocketsHttpHandler</c> that follows redirects) instead of the SDK's.</summary>
    public bool CallerTransport { get; init; }

    public required Expect Expect { get; init; }

    public bool Loopback => Raw is not null;

    public override string ToString() => Id;
}

/// <summary>What a loopback case writes: the bytes as they go on the wire, then FIN or RST.</summary>
public sealed record RawAnswer(byte[] Bytes, bool Reset = false);

/// <summary>The outcome a case demands.</summary>
public abstract record Expect
{
    /// <summary>The call completes; <paramref name="Check"/> returns null when the result is right, or what is wrong.</summary>
    public sealed record Completed(string What, Func<object, string?> Check) : Expect
    {
        public override string ToString() => $"completed ({What})";
    }

    /// <summary>
    /// A typed error: one of <paramref name="Allowed"/> exactly, or (when empty) any subtype of
    /// <see cref="EzrouterException"/> but never the base itself. <paramref name="Extra"/> checks more (null when right).
    /// </summary>
    public sealed record Typed(Type[] Allowed, Func<EzrouterException, string?>? Extra = null, string? ExtraWhat = null) : Expect
    {
        public override string ToString() =>
            (Allowed.Length == 0 ? "a typed EzrouterException subtype (not the base)" : string.Join(" or ", Allowed.Select(t => t.Name)))
            + (ExtraWhat is null ? string.Empty : $", {ExtraWhat}");
    }

    /// <summary>
    /// <see cref="EzrouterStreamTruncatedException"/> whose partial response serialises to <paramref name="PartialJson"/>
    /// (null: nothing arrived, no partial).
    /// </summary>
    public sealed record Truncated(string? PartialJson) : Expect
    {
        public override string ToString() => PartialJson is null ? "truncated, no partial" : "truncated with the partial result";
    }

    public static Typed Error<T>(Func<EzrouterException, string?>? extra = null, string? what = null) where T : EzrouterException => new([typeof(T)], extra, what);

    public static Typed AnyTyped(Func<EzrouterException, string?>? extra = null, string? what = null) => new([], extra, what);

    public static Typed Protocol(params string[] mentions) => new([typeof(EzrouterProtocolException)],
        mentions.Length == 0 ? null : e => mentions.FirstOrDefault(m => !e.Message.Contains(m, StringComparison.Ordinal)) is { } missing ? $"the message does not name '{missing}'" : null,
        mentions.Length == 0 ? null : $"naming {string.Join(", ", mentions.Select(m => $"'{m}'"))}");
}

/// <summary>Helpers to build answers.</summary>
internal static class Answer
{
    public const string RequestId = "20261121000000000000000000corpus";

    public static HttpResponseMessage Bytes(HttpStatusCode status, byte[] body, string? contentType, params (string Name, string Value)[] headers) =>
        Content(status, new ByteArrayContent(body), contentType, headers);

    public static HttpResponseMessage Text(HttpStatusCode status, string body, string? contentType, params (string Name, string Value)[] headers) =>
        Bytes(status, Encoding.UTF8.GetBytes(body), contentType, headers);

    public static HttpResponseMessage Content(HttpStatusCode status, HttpContent content, string? contentType, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = content };
        if (contentType is not null) response.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        else response.Content.Headers.ContentType = null;
        response.Headers.TryAddWithoutValidation("X-New-Api-Version", "v0.9.6");
        var requestIdSet = false;
        foreach (var (name, value) in headers)
        {
            if (string.Equals(name, "X-Oneapi-Request-Id", StringComparison.OrdinalIgnoreCase)) requestIdSet = true;
            if (string.Equals(name, "X-New-Api-Version", StringComparison.OrdinalIgnoreCase)) response.Headers.Remove("X-New-Api-Version");
            if (!response.Headers.TryAddWithoutValidation(name, value)) response.Content.Headers.TryAddWithoutValidation(name, value);
        }
        if (!requestIdSet) response.Headers.TryAddWithoutValidation("X-Oneapi-Request-Id", RequestId);
        return response;
    }

    /// <summary>A raw HTTP/1.1 response: status line, headers, blank line, body (no Content-Length unless given).</summary>
    public static byte[] Raw(int status, string reason, IEnumerable<(string Name, string Value)> headers, byte[] body)
    {
        var head = new StringBuilder($"HTTP/1.1 {status} {reason}\r\n");
        foreach (var (name, value) in headers) head.Append(name).Append(": ").Append(value).Append("\r\n");
        head.Append("Connection: close\r\n\r\n");
        return [.. Encoding.Latin1.GetBytes(head.ToString()), .. body];
    }
}
