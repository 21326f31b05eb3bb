using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Ezrouter.Testing.Tests.Support;

namespace Ezrouter.Testing.Tests.Recording;

public sealed class UnreachableUpstreamTests
{
    [Fact]
    public async Task UnreachableUpstreamGets502AndNoCassette()
    {
        // Arrange: a port nothing listens on any more.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var output = Directory.CreateTempSubdirectory("recordings-");
        try
        {
            await using var recorder = await RecordedGateway.StartRecordingAsync(new RecordingOptions
            {
                UpstreamBaseUrl = new Uri($"http://127.0.0.1:{port}"),
                OutputDirectory = output.FullName,
                ApiKey = "sk-unused-0123456789",
            });
            using var client = Wire.Client(recorder);

            // Act
            using var response = await client.SendAsync(Wire.Post("v1/chat/completions", """{"model":"m"}"""));
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

            // Assert
            Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
            Assert.Equal("upstream-error", Wire.Header(response, "X-Recorded-Gateway"));
            Assert.Equal("recorded_gateway_upstream_error", body.RootElement.GetProperty("error").GetProperty("type").GetString());
            Assert.Empty(Directory.GetFiles(output.FullName));
            Assert.True(recorder.IsRecording);
            // The log entry is written when the exchange ends, which can be just after the client has read the answer.
            var deadline = DateTime.UtcNow.AddSeconds(5);
            while (recorder.Requests.Count == 0 && DateTime.UtcNow < deadline) await Task.Delay(10);
            Assert.Null(Assert.Single(recorder.Requests).CassetteName);
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }
}
