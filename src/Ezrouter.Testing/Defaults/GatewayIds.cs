using System;
using System.Globalization;
using System.Security.Cryptography;

namespace Ezrouter.Testing.Defaults;

/// <summary>Fresh ids in the shapes the gateway and its upstreams use.</summary>
internal static class GatewayIds
{
    private const string Alphanumerics = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    /// <summary>
    /// An <c>X-Oneapi-Request-Id</c> as new-api's middleware/request-id.go builds it: UTC <c>yyyyMMddHHmmss</c>,
    /// then the clock's nanoseconds modulo 1e9 unpadded, then 8 random alphanumerics (docs/gateway-behavior.md §14).
    /// </summary>
    public static string RequestId(DateTimeOffset now)
    {
        var nanos = (now.UtcTicks % TimeSpan.TicksPerSecond * 100) % 1_000_000_000;
        return now.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)
            + nanos.ToString(CultureInfo.InvariantCulture) + Random(8);
    }

    /// <summary>An Anthropic message id (<c>msg_01…</c>), which the gateway also uses as the chunk id of a Claude answer (§8).</summary>
    public static string MessageId() => "msg_01" + Random(22);

    /// <summary>An OpenAI-style completion id, as other upstreams send it.</summary>
    public static string CompletionId() => "chatcmpl-" + Random(29);

    /// <summary>A Responses API response id (<c>resp_…</c>).</summary>
    public static string ResponseId() => "resp_" + Random(24);

    /// <summary>The id of an output item of a response (<c>msg_…</c>).</summary>
    public static string ResponseItemId() => "msg_" + Random(24);

    private static string Random(int length) => RandomNumberGenerator.GetString(Alphanumerics, length);
}
