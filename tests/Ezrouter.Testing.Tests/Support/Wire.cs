using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace Ezrouter.Testing.Tests.Support;

/// <summary>Raw HTTP plumbing for tests: send a request, read what arrives, chunk by chunk.</summary>
internal static class Wire
{
    public static HttpClient Client(RecordedGateway gateway) =>
        new(new SocketsHttpHandler { AutomaticDecompression = System.Net.DecompressionMethods.None })
        {
            BaseAddress = gateway.BaseUrl,
            Timeout = TimeSpan.FromSeconds(15),
        };

    public static HttpRequestMessage Post(string path, string json, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path.TrimStart('/'))
        {
            Content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpRequestMessage request) =>
        await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

    /// <summary>Reads the body to its end, keeping each read's bytes and arrival time; a reset is reported, not thrown.</summary>
    public static async Task<Received> ReadAllAsync(HttpResponseMessage response)
    {
        var clock = Stopwatch.StartNew();
        var chunks = new List<(byte[] Bytes, TimeSpan At)>();
        await using var stream = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];
        Exception? failure = null;
        while (true)
        {
            int read;
            try
            {
                read = await stream.ReadAsync(buffer);
            }
            catch (IOException ex)
            {
                failure = ex;
                break;
            }

            if (read == 0)
            {
                break;
            }

            chunks.Add((buffer.AsSpan(0, read).ToArray(), clock.Elapsed));
        }

        return new Received(chunks, failure);
    }

    public static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new KeyNotFoundException($"response has no {name} header");
}

internal sealed record Received(List<(byte[] Bytes, TimeSpan At)> Chunks, Exception? Failure)
{
    public byte[] Bytes => Chunks.SelectMany(c => c.Bytes).ToArray();

    public string Text => Encoding.UTF8.GetString(Bytes);
}
