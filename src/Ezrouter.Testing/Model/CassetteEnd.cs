using System.Text.Json.Serialization;

namespace Ezrouter.Testing;

/// <summary>How a replayed response ends.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CassetteEnd>))]
public enum CassetteEnd
{
    /// <summary>The response completes normally (<c>"close"</c>).</summary>
    [JsonStringEnumMemberName("close")]
    Close = 0,

    /// <summary>The connection is reset after the last byte (<c>"abort"</c>), as when a stream is cut.</summary>
    [JsonStringEnumMemberName("abort")]
    Abort = 1,
}
