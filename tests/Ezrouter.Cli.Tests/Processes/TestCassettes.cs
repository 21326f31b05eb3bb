using System.Text.Json;

namespace Ezrouter.Cli.Tests.Processes;

/// <summary>
/// A folder of cassettes the embedded set lacks, for <c>recorded-gateway --cassettes</c>: a stream whose first token
/// comes after 1.5 s (the spinner), a slow endless-looking stream (signals mid-stream), and answers whose text holds
/// characters strict JSON escaping would hide.
/// </summary>
public sealed class TestCassettes : IDisposable
{
    public TestCassettes()
    {
        Folder = Path.Combine(Path.GetTempPath(), "ezrouter-cli-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        Write("cli-slow-first-token", "slow-first-token", [Chunk("Hello"), Chunk(" there."), Finish()], firstDelayMs: 1500);
        Write("cli-slow-stream", "slow-stream", [Chunk("One"), .. Enumerable.Range(0, 40).Select(_ => Chunk(" more")), Finish()], firstDelayMs: 0, everyDelayMs: 250);
        Write("cli-readable-json", "readable-json", [Chunk("It's 5+5 \"quoted\" — café <ok>"), Finish()], firstDelayMs: 0);
    }

    public string Folder { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Write(string name, string model, IReadOnlyList<string> chunks, int firstDelayMs, int everyDelayMs = 0)
    {
        var frames = chunks.Select((data, i) => new Dictionary<string, object> { ["data"] = $"data: {data}\n\n", ["delay_ms"] = i == 0 ? firstDelayMs : everyDelayMs }).ToList();
        frames.Add(new Dictionary<string, object> { ["data"] = "data: [DONE]\n\n", ["delay_ms"] = 0 });
        var cassette = new Dictionary<string, object>
        {
            ["name"] = name,
            ["description"] = "A CLI test stream.",
            ["source"] = new Dictionary<string, string> { ["kind"] = "authored", ["from"] = "tests/Ezrouter.Cli.Tests", ["date"] = "2026-11-21" },
            ["interactions"] = new[]
            {
                new Dictionary<string, object>
                {
                    ["request"] = new Dictionary<string, object> { ["method"] = "POST", ["path"] = "/v1/chat/completions", ["body"] = new Dictionary<string, object> { ["model"] = model } },
                    ["response"] = new Dictionary<string, object>
                    {
                        ["status"] = 200,
                        ["headers"] = new Dictionary<string, string> { ["Content-Type"] = "text/event-stream", ["X-Oneapi-Request-Id"] = "20261121000000000000000CliTest1" },
                        ["frames"] = frames,
                    },
                },
            },
        };
        File.WriteAllText(Path.Combine(Folder, name + ".json"), JsonSerializer.Serialize(cassette));
    }

    private static string Chunk(string content) => JsonSerializer.Serialize(new
    {
        id = "chatcmpl-cli",
        @object = "chat.completion.chunk",
        created = 1795253440,
        model = "cli-test",
        choices = new[] { new { index = 0, delta = new { content }, finish_reason = (string?)null } },
    });

    private static string Finish() => JsonSerializer.Serialize(new
    {
        id = "chatcmpl-cli",
        @object = "chat.completion.chunk",
        created = 1795253440,
        model = "cli-test",
        choices = new[] { new { index = 0, delta = new { }, finish_reason = "stop" } },
        usage = new { prompt_tokens = 5, completion_tokens = 7, total_tokens = 12 },
    });
}

/// <summary>A recorded-gateway process serving <see cref="TestCassettes"/> beside the embedded ones.</summary>
public sealed class SlowGatewayFixture : GatewayProcessFixture
{
    public SlowGatewayFixture() : this(new TestCassettes())
    {
    }

    private SlowGatewayFixture(TestCassettes cassettes) : base(cassettes.Folder, cassettes)
    {
    }
}
