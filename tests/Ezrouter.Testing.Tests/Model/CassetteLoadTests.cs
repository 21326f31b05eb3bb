using System.Text.Json;

namespace Ezrouter.Testing.Tests.Model;

public sealed class CassetteLoadTests
{
    private const string Minimal = """
        {
          "name": "minimal",
          "interactions": [
            {
              "request": {"method": "POST", "path": "/v1/chat/completions", "body": {"model": "m", "messages.-1.content": "hi"}, "headers": {"x-scenario": "s"}},
              "response": {"status": 200, "headers": {"Content-Type": "text/event-stream"}, "frames": [{"data": "data: {}\n\n", "delay_ms": 5}], "end": "abort"}
            }
          ]
        }
        """;

    [Fact]
    public void LoadReadsEveryField()
    {
        var cassette = Cassette.Load(Minimal);

        var interaction = Assert.Single(cassette.Interactions);
        Assert.Equal("minimal", cassette.Name);
        Assert.Equal("m", interaction.Request.Body!["model"].GetString());
        Assert.Equal("s", interaction.Request.Headers!["x-scenario"]);
        Assert.Equal(5, Assert.Single(interaction.Response.Frames!).DelayMs);
        Assert.Equal(CassetteEnd.Abort, interaction.Response.End);
    }

    [Fact]
    public void ToJsonRoundTrips()
    {
        var cassette = Cassette.Load(Minimal);

        var again = Cassette.Load(cassette.ToJson());

        Assert.Equal(cassette.ToJson(), again.ToJson());
        Assert.Contains("\"delay_ms\": 5", cassette.ToJson(), StringComparison.Ordinal);
        Assert.Contains("\"end\": \"abort\"", cassette.ToJson(), StringComparison.Ordinal);
        Assert.DoesNotContain("\r", cassette.ToJson(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"name":"x","interactions":[{"request":{"method":"GET","path":"/v1/models"},"response":{"status":200,"body":"a","frames":[]}}]}""", "at most one")]
    [InlineData("""{"name":"x","interactions":[]}""", "no interactions")]
    [InlineData("""{"name":"","interactions":[{"request":{"method":"GET","path":"/"},"response":{"status":200}}]}""", "no name")]
    [InlineData("""{"name":"x","interactions":[{"request":{"method":"GET","path":"v1/models"},"response":{"status":200}}]}""", "must start with '/'")]
    [InlineData("""{"name":"x","interactions":[{"request":{"method":"GET","path":"/"},"response":{"status":99}}]}""", "not an HTTP status")]
    [InlineData("""{"name":"x","interactions":[{"request":{"method":"GET","path":"/"},"response":{"status":200,"frame":[]}}]}""", "frame")]
    [InlineData("""{"name":"x","interactions":[{"request":{"method":"GET","path":"/"},"response":{"status":200,"end":"later"}}]}""", "invalid")]
    public void LoadRejectsWhatReplayCouldNotHonour(string json, string expected)
    {
        var exception = Assert.Throws<InvalidDataException>(() => Cassette.Load(json));

        Assert.Contains(expected, exception.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void LoadDirectoryReadsFilesInOrdinalOrderAndNamesABadFile()
    {
        var directory = Directory.CreateTempSubdirectory("cassettes-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "b.json"), Minimal.Replace("\"minimal\"", "\"b\"", StringComparison.Ordinal));
            File.WriteAllText(Path.Combine(directory.FullName, "a.json"), Minimal.Replace("\"minimal\"", "\"a\"", StringComparison.Ordinal));
            File.WriteAllText(Path.Combine(directory.FullName, "notes.txt"), "ignored");

            Assert.Equal(["a", "b"], Cassette.LoadDirectory(directory.FullName).Select(c => c.Name));

            File.WriteAllText(Path.Combine(directory.FullName, "c.json"), "{ not json");
            var exception = Assert.Throws<InvalidDataException>(() => Cassette.LoadDirectory(directory.FullName));
            Assert.Contains("c.json", exception.Message, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task GatewayLoadsACassetteDirectory()
    {
        var directory = Directory.CreateTempSubdirectory("cassettes-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "minimal.json"), Minimal);
            await using var gateway = await RecordedGateway.StartAsync(new RecordedGatewayOptions
            {
                CassetteDirectory = directory.FullName,
                IncludeEmbedded = false,
            });

            Assert.Equal("minimal", Assert.Single(gateway.Cassettes).Name);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void JsonBodyKeepsNonAsciiReadable()
    {
        var cassette = new Cassette
        {
            Name = "utf8",
            Interactions =
            [
                new CassetteInteraction
                {
                    Request = new CassetteRequest { Method = "GET", Path = "/" },
                    Response = new CassetteResponse { Status = 200, Json = JsonDocument.Parse("""{"message":"额度不足"}""").RootElement.Clone() },
                },
            ],
        };

        Assert.Contains("额度不足", cassette.ToJson(), StringComparison.Ordinal);
    }
}
