namespace Ezrouter.Tests.TestSupport;

/// <summary>Wire payloads, shaped as docs/gateway-behavior.md describes them.</summary>
public static class Payloads
{
    public const string ModelsList = """
        {"object":"list","success":true,"data":[
          {"id":"claude-sonnet-4-6","object":"model","created":1626777600,"owned_by":"vertex-ai","supported_endpoint_types":["anthropic","openai"]},
          {"id":"claude-haiku-4-5-20251001","object":"model","created":1626777600,"owned_by":"claude","supported_endpoint_types":["anthropic","openai"]},
          {"id":"deepseek-v4-flash","object":"model","created":1626777600,"owned_by":"custom","supported_endpoint_types":["openai"],"x_future_field":{"a":1}}
        ]}
        """;

    public const string ChatCompletionJson = """
        {"id":"chatcmpl-1","object":"chat.completion","created":1763683200,"model":"gpt-5.2",
         "choices":[{"index":0,"message":{"role":"assistant","content":"Hello there!","reasoning_content":"Greet back."},"finish_reason":"stop"}],
         "usage":{"prompt_tokens":120,"completion_tokens":9,"total_tokens":129,
                  "prompt_tokens_details":{"cached_tokens":100,"cached_creation_tokens":0},
                  "completion_tokens_details":{"reasoning_tokens":3},
                  "input_tokens":120,"output_tokens":0,"claude_cache_creation_5_m_tokens":0,"claude_cache_creation_1_h_tokens":0},
         "x_gateway_route":"primary"}
        """;

    /// <summary>A claude model on the OpenAI surface answering SSE to a non-stream request (docs/gateway-behavior.md §6).</summary>
    public const string ChatSse = """
        data: {"id":"msg_01","object":"chat.completion.chunk","created":1763683200,"model":"claude-sonnet-4-6","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}],"usage":null}

        data: {"id":"msg_01","object":"chat.completion.chunk","created":1763683200,"model":"claude-sonnet-4-6","choices":[{"index":0,"delta":{"reasoning_content":"Greet"},"finish_reason":null}],"usage":null}

        data: {"id":"msg_01","object":"chat.completion.chunk","created":1763683200,"model":"claude-sonnet-4-6","choices":[{"index":0,"delta":{"content":"Hello"},"finish_reason":null}],"usage":null}

        data: {"id":"msg_01","object":"chat.completion.chunk","created":1763683200,"model":"claude-sonnet-4-6","choices":[{"index":0,"delta":{"content":" there!"},"finish_reason":"stop"}],"usage":null}

        data: {"id":"msg_01","object":"chat.completion.chunk","created":1763683200,"model":"claude-sonnet-4-6","choices":[],"usage":{"prompt_tokens":1200,"completion_tokens":9,"total_tokens":1209,"prompt_tokens_details":{"cached_tokens":1000,"cached_creation_tokens":150},"input_tokens":1200,"output_tokens":0,"claude_cache_creation_5_m_tokens":100,"claude_cache_creation_1_h_tokens":50}}

        data: [DONE]


        """;

    /// <summary>Two tool calls from a claude model: indices start at 1 and then collide (block index − 1, floored at 0).</summary>
    public const string ChatToolCallsClaudeSse = """
        data: {"id":"msg_02","object":"chat.completion.chunk","created":1763683200,"model":"claude-opus-4-7","choices":[{"index":0,"delta":{"role":"assistant","content":""}}]}

        data: {"id":"msg_02","object":"chat.completion.chunk","created":1763683200,"model":"claude-opus-4-7","choices":[{"index":0,"delta":{"content":"Checking both."}}]}

        data: {"id":"msg_02","object":"chat.completion.chunk","created":1763683200,"model":"claude-opus-4-7","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"toolu_A","type":"function","function":{"name":"get_weather","arguments":""}}]}}]}

        data: {"id":"msg_02","object":"chat.completion.chunk","created":1763683200,"model":"claude-opus-4-7","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"function":{"arguments":"{\"city\":"}}]}}]}

        data: {"id":"msg_02","object":"chat.completion.chunk","created":1763683200,"model":"claude-opus-4-7","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"function":{"arguments":"\"Paris\"}"}}]}}]}

        data: {"id":"msg_02","object":"chat.completion.chunk","created":1763683200,"model":"claude-opus-4-7","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"toolu_B","type":"function","function":{"name":"get_time","arguments":""}}]}}]}

        data: {"id":"msg_02","object":"chat.completion.chunk","created":1763683200,"model":"claude-opus-4-7","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"function":{"arguments":"{\"tz\":\"CET\"}"}}]}}]}

        data: {"id":"msg_02","object":"chat.completion.chunk","created":1763683200,"model":"claude-opus-4-7","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}

        data: {"id":"msg_02","object":"chat.completion.chunk","created":1763683200,"model":"claude-opus-4-7","choices":[],"usage":{"prompt_tokens":50,"completion_tokens":40,"total_tokens":90}}

        data: [DONE]


        """;

    public const string AnthropicMessageJson = """
        {"id":"msg_03","type":"message","role":"assistant","model":"claude-sonnet-4-6",
         "content":[
           {"type":"thinking","thinking":"The user wants weather.","signature":"EqQBCgIYAhIM"},
           {"type":"text","text":"Let me check."},
           {"type":"tool_use","id":"toolu_01","name":"get_weather","input":{"city":"Paris","units":["c"]},"x_block_extra":true}
         ],
         "stop_reason":"tool_use","stop_sequence":null,
         "usage":{"input_tokens":20,"output_tokens":64,"cache_creation_input_tokens":300,"cache_read_input_tokens":1000,
                  "cache_creation":{"ephemeral_5m_input_tokens":200,"ephemeral_1h_input_tokens":100}}}
        """;

    /// <summary>The same message as an Anthropic stream, framed as the gateway re-emits it (extra blank line).</summary>
    public const string AnthropicMessageSse = """
        event: message_start
        data: {"type":"message_start","message":{"id":"msg_03","type":"message","role":"assistant","model":"claude-sonnet-4-6","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":20,"output_tokens":1,"cache_creation_input_tokens":300,"cache_read_input_tokens":1000,"cache_creation":{"ephemeral_5m_input_tokens":200,"ephemeral_1h_input_tokens":100}}}}


        event: content_block_start
        data: {"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}}


        event: ping
        data: {"type":"ping"}


        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"The user wants "}}


        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"weather."}}


        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"EqQBCgIYAhIM"}}


        event: content_block_stop
        data: {"type":"content_block_stop","index":0}


        event: content_block_start
        data: {"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}}


        event: content_block_delta
        data: {"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"Let me check."}}


        event: content_block_stop
        data: {"type":"content_block_stop","index":1}


        event: content_block_start
        data: {"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"toolu_01","name":"get_weather","input":{}}}


        event: content_block_delta
        data: {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"{\"city\": \"Pa"}}


        event: content_block_delta
        data: {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"ris\", \"units\": [\"c\"]}"}}


        event: content_block_stop
        data: {"type":"content_block_stop","index":2}


        event: message_delta
        data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":64}}


        event: message_stop
        data: {"type":"message_stop"}



        """;
}
