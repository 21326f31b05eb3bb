using System.Text;
using System.Text.Json;

namespace Ezrouter.Testing.Tests.Support;

/// <summary>What a cassette response must look like on the wire, computed independently of the server.</summary>
internal static class ExpectedBytes
{
    public static byte[] Of(CassetteResponse response)
    {
        if (response.Frames is { } frames)
        {
            return Encoding.UTF8.GetBytes(string.Concat(frames.Select(f => f.Data)));
        }

        if (response.Body is { } body)
        {
            return Encoding.UTF8.GetBytes(body);
        }

        return response.Json is { } json ? Encoding.UTF8.GetBytes(JsonSerializer.Serialize(json)) : [];
    }
}
