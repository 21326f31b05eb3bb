namespace Ezrouter.Tests.Telemetry;

/// <summary>In-memory cassettes for the telemetry tests: a gateway (or a proxy in front of it) that echoes the key, and one that is slow.</summary>
internal static class Scenarios
{
    private const string Source = """ "source": {"kind": "authored", "from": "docs/gateway-behavior.md §1", "date": "2026-01-01"} """;

    /// <summary>A 401 whose headers and body quote the key back (model <c>echo-key</c>).</summary>
    public static string KeyEchoError(string key) => """
        { "name": "telemetry-key-echo-401", "description": "401 echoing the key", @SOURCE@,
          "interactions": [{
            "request": {"method": "POST", "path": "/v1/chat/completions", "body": {"model": "echo-key"}},
            "response": {"status": 401,
              "headers": {"Content-Type": "application/json", "X-Oneapi-Request-Id": "@KEY@", "X-New-Api-Version": "@KEY@", "X-Echo": "Bearer @KEY@"},
              "json": {"error": {"message": "invalid token @KEY@ (Bearer @KEY@)", "type": "new_api_error", "code": "invalid_api_key"}}}
          }] }
        """.Replace("@SOURCE@", Source).Replace("@KEY@", key);

    /// <summary>A stream whose headers, chunk id, model and in-stream error quote the key (model <c>echo-key-stream</c>).</summary>
    public static string KeyEchoStream(string key) => """
        { "name": "telemetry-key-echo-stream", "description": "a stream echoing the key", @SOURCE@,
          "interactions": [{
            "request": {"method": "POST", "path": "/v1/chat/completions", "body": {"model": "echo-key-stream"}},
            "response": {"status": 200,
              "headers": {"Content-Type": "text/event-stream", "X-Oneapi-Request-Id": "req-@KEY@", "X-New-Api-Version": "@KEY@"},
              "frames": [
                {"data": "data: {\"id\":\"chatcmpl-@KEY@\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"@KEY@\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"your key is @KEY@\"},\"finish_reason\":null}]}\n\n"},
                {"data": "data: {\"error\":{\"message\":\"upstream rejected @KEY@\",\"type\":\"upstream_error\",\"code\":\"bad_response\"}}\n\n"}
              ]}
          }] }
        """.Replace("@SOURCE@", Source).Replace("@KEY@", key);

    /// <summary>A successful answer whose request id and gateway build quote the key (model <c>echo-key-ok</c>).</summary>
    public static string KeyEchoSuccess(string key) => """
        { "name": "telemetry-key-echo-ok", "description": "a good answer echoing the key", @SOURCE@,
          "interactions": [{
            "request": {"method": "POST", "path": "/v1/chat/completions", "body": {"model": "echo-key-ok"}},
            "response": {"status": 200,
              "headers": {"Content-Type": "application/json", "X-Oneapi-Request-Id": "@KEY@", "X-New-Api-Version": "v-@KEY@"},
              "json": {"id": "chatcmpl-@KEY@", "object": "chat.completion", "created": 1, "model": "m-@KEY@",
                "choices": [{"index": 0, "message": {"role": "assistant", "content": "the key is @KEY@"}, "finish_reason": "stop"}],
                "usage": {"prompt_tokens": 3, "completion_tokens": 5, "total_tokens": 8}}}
          }] }
        """.Replace("@SOURCE@", Source).Replace("@KEY@", key);

    /// <summary>An answer that takes 3 s to start (model <c>slow</c>).</summary>
    public const string Slow = """
        { "name": "telemetry-slow", "description": "headers after 3 s", "source": {"kind": "authored", "from": "docs/gateway-behavior.md §1", "date": "2026-01-01"},
          "interactions": [{
            "request": {"method": "POST", "path": "/v1/chat/completions", "body": {"model": "slow"}},
            "response": {"status": 200, "delay_ms": 3000, "headers": {"Content-Type": "application/json"}, "json": {"id": "x", "choices": []}}
          }] }
        """;

    /// <summary>A stream whose second chunk comes 3 s after the first (model <c>slow-stream</c>).</summary>
    public const string SlowStream = """
        { "name": "telemetry-slow-stream", "description": "a chunk, then a 3 s pause", "source": {"kind": "authored", "from": "docs/gateway-behavior.md §6", "date": "2026-01-01"},
          "interactions": [{
            "request": {"method": "POST", "path": "/v1/chat/completions", "body": {"model": "slow-stream"}},
            "response": {"status": 200, "headers": {"Content-Type": "text/event-stream"}, "frames": [
              {"data": "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"slow-stream\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}\n\n", "delay_ms": 0},
              {"data": "data: [DONE]\n\n", "delay_ms": 3000}]}
          }] }
        """;
}
