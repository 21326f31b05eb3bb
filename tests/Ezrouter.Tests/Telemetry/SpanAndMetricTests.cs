using System.Diagnostics;
using Ezrouter.Diagnostics;
using static Ezrouter.Tests.Telemetry.TelemetryHarness;

namespace Ezrouter.Tests.Telemetry;

/// <summary>The spans and metrics of each kind of call, against the recorded gateway, as OpenTelemetry exports them.</summary>
public sealed class SpanAndMetricTests
{
    [Fact]
    public async Task A_chat_completion_is_one_client_span_with_the_GenAI_attributes_and_its_metrics()
    {
        await using var harness = await StartAsync();

        var response = await harness.Client.Chat.CompleteAsync(ChatRequest("claude-sonnet-4-6", "Hello!", stream: false));

        var span = harness.SingleSpan();
        Assert.Equal("chat claude-sonnet-4-6", span.DisplayName);
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal(EzrouterTelemetry.ActivitySourceName, span.Source.Name);
        Assert.Equal("chat", span.GetTagItem("gen_ai.operation.name"));
        Assert.Equal("ezrouter", span.GetTagItem("gen_ai.provider.name"));
        Assert.Equal("claude-sonnet-4-6", span.GetTagItem("gen_ai.request.model"));
        Assert.Equal(response.Value.Model, span.GetTagItem("gen_ai.response.model"));
        Assert.Equal(response.Value.Id, span.GetTagItem("gen_ai.response.id"));
        Assert.Equal(new[] { response.Value.Choices![0].FinishReason! }, span.GetTagItem("gen_ai.response.finish_reasons"));
        var usage = EzrouterUsage.From(response.Value.Usage!);
        Assert.Equal(usage.InputTokens, span.GetTagItem("gen_ai.usage.input_tokens"));
        Assert.Equal(usage.OutputTokens, span.GetTagItem("gen_ai.usage.output_tokens"));
        Assert.Equal("openai", span.GetTagItem("ezrouter.surface"));
        Assert.Equal(response.Info.RequestId, span.GetTagItem("ezrouter.request_id"));
        Assert.Equal(response.Info.GatewayVersion, span.GetTagItem("ezrouter.gateway_version"));
        Assert.Equal("127.0.0.1", span.GetTagItem("server.address"));
        Assert.Null(span.GetTagItem("error.type"));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        // Off by default: no prompt or completion text.
        Assert.Null(span.GetTagItem("gen_ai.input.messages"));
        Assert.Null(span.GetTagItem("gen_ai.output.messages"));

        var points = harness.Points();
        var duration = Assert.Single(points, p => p.Name == "gen_ai.client.operation.duration");
        Assert.Equal(1, duration.Count);
        Assert.Equal("chat", duration.Tags["gen_ai.operation.name"]);
        Assert.Equal("claude-sonnet-4-6", duration.Tags["gen_ai.request.model"]);
        Assert.False(duration.Tags.ContainsKey("error.type"));
        var input = Assert.Single(points, p => p.Name == "gen_ai.client.token.usage" && (string?)p.Tags["gen_ai.token.type"] == "input");
        var output = Assert.Single(points, p => p.Name == "gen_ai.client.token.usage" && (string?)p.Tags["gen_ai.token.type"] == "output");
        Assert.Equal(usage.InputTokens, input.Sum);
        Assert.Equal(usage.OutputTokens, output.Sum);
        Assert.DoesNotContain(points, p => p.Name == "gen_ai.client.operation.time_to_first_chunk");
    }

    [Fact]
    public async Task A_message_on_the_Anthropic_surface_is_a_chat_span_too()
    {
        await using var harness = await StartAsync();

        var response = await harness.Client.Messages.CreateAsync(MessageRequest("claude-opus-4-7", "What's the weather in Paris?", stream: false));

        var span = harness.SingleSpan();
        Assert.Equal("chat claude-opus-4-7", span.DisplayName);
        Assert.Equal("anthropic", span.GetTagItem("ezrouter.surface"));
        Assert.Equal(response.Value.Id, span.GetTagItem("gen_ai.response.id"));
        Assert.Equal(new[] { response.Value.StopReason! }, span.GetTagItem("gen_ai.response.finish_reasons"));
        Assert.Equal(EzrouterUsage.From(response.Value.Usage!).OutputTokens, span.GetTagItem("gen_ai.usage.output_tokens"));
    }

    [Fact]
    public async Task The_models_list_is_its_own_operation()
    {
        await using var harness = await StartAsync();

        await harness.Client.Models.ListAsync();

        var span = harness.SingleSpan();
        Assert.Equal("list_models", span.DisplayName);
        Assert.Equal("list_models", span.GetTagItem("gen_ai.operation.name"));
        Assert.Null(span.GetTagItem("gen_ai.request.model"));
    }

    [Fact]
    public async Task A_failed_call_says_its_error_type_on_the_span_and_the_duration()
    {
        await using var harness = await StartAsync();

        await Assert.ThrowsAsync<EzrouterAuthenticationException>(() => harness.Client.Chat.CompleteAsync(ChatRequest("error-401-invalid-token", "x")));

        var span = harness.SingleSpan();
        Assert.Equal(typeof(EzrouterAuthenticationException).FullName, span.GetTagItem("error.type"));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.NotNull(span.GetTagItem("ezrouter.request_id"));
        var duration = Assert.Single(harness.Points(), p => p.Name == "gen_ai.client.operation.duration");
        Assert.Equal(typeof(EzrouterAuthenticationException).FullName, duration.Tags["error.type"]);
    }

    [Fact]
    public async Task A_stream_span_ends_when_the_stream_completes_with_its_time_to_first_chunk()
    {
        await using var harness = await StartAsync();
        var stream = harness.Client.Chat.CompleteStreamingAsync(ChatRequest("claude-sonnet-4-6", "Count to five."));

        var chunks = 0;
        await foreach (var _ in stream)
        {
            // Still open while the stream is read.
            if (chunks++ == 0) Assert.Empty(harness.Spans);
        }

        var span = harness.SingleSpan();
        Assert.Equal("chat claude-sonnet-4-6", span.DisplayName);
        Assert.Equal("completed", span.GetTagItem("ezrouter.stream.outcome"));
        var firstChunk = Assert.IsType<double>(span.GetTagItem("gen_ai.response.time_to_first_chunk"));
        Assert.InRange(firstChunk, 0, span.Duration.TotalSeconds);
        Assert.Equal(stream.Accumulator.ToCompletion().Id, span.GetTagItem("gen_ai.response.id"));
        Assert.Equal(EzrouterUsage.From(stream.Accumulator.Usage!).OutputTokens, span.GetTagItem("gen_ai.usage.output_tokens"));
        var ttfc = Assert.Single(harness.Points(), p => p.Name == "gen_ai.client.operation.time_to_first_chunk");
        Assert.Equal(1, ttfc.Count);
        Assert.Equal(firstChunk, ttfc.Sum, 6);
    }

    [Fact]
    public async Task An_Anthropic_stream_span_records_the_message()
    {
        await using var harness = await StartAsync();

        var stream = harness.Client.Messages.CreateStreamingAsync(MessageRequest("claude-sonnet-4-6", "What's the weather in Paris?"));
        var message = await stream.GetFinalMessageAsync();

        var span = harness.SingleSpan();
        Assert.Equal("completed", span.GetTagItem("ezrouter.stream.outcome"));
        Assert.Equal("anthropic", span.GetTagItem("ezrouter.surface"));
        Assert.Equal(message.Id, span.GetTagItem("gen_ai.response.id"));
        Assert.NotNull(span.GetTagItem("gen_ai.response.time_to_first_chunk"));
        // The cassette's usage: 412 uncached, 2048 written to the cache, 1536 read from it. Input counts them all.
        Assert.Equal(412 + 2048 + 1536, span.GetTagItem("gen_ai.usage.input_tokens"));
        Assert.Equal(1536, span.GetTagItem("gen_ai.usage.cache_read.input_tokens"));
        Assert.Equal(2048, span.GetTagItem("gen_ai.usage.cache_creation.input_tokens"));
        Assert.Null(span.GetTagItem("ezrouter.usage.reasoning_tokens"));
        var input = Assert.Single(harness.Points(), p => p.Name == "gen_ai.client.token.usage" && (string?)p.Tags["gen_ai.token.type"] == "input");
        Assert.Equal(412L + 2048 + 1536, input.Sum);
    }

    [Fact]
    public async Task Reasoning_tokens_are_recorded_and_absent_cache_counts_are_left_out()
    {
        await using var harness = await StartAsync();

        await harness.Client.Chat.CompleteAsync(ChatRequest("deepseek-v4-pro", "Is 9.11 greater than 9.8?"));

        var span = harness.SingleSpan();
        Assert.Equal(38, span.GetTagItem("ezrouter.usage.reasoning_tokens"));
        Assert.Equal(17, span.GetTagItem("gen_ai.usage.input_tokens"));
        Assert.Equal(61, span.GetTagItem("gen_ai.usage.output_tokens"));
        Assert.Null(span.GetTagItem("gen_ai.usage.cache_read.input_tokens"));
        Assert.Null(span.GetTagItem("gen_ai.usage.cache_creation.input_tokens"));
    }

    [Fact]
    public async Task A_truncated_stream_ends_its_span_as_truncated()
    {
        await using var harness = await StartAsync();

        var error = await Assert.ThrowsAnyAsync<EzrouterException>(async () =>
        {
            await foreach (var _ in harness.Client.Chat.CompleteStreamingAsync(ChatRequest("deepseek-v4-flash", "Tell me a long story."))) { }
        });

        var span = harness.SingleSpan();
        Assert.Equal("truncated", span.GetTagItem("ezrouter.stream.outcome"));
        Assert.Equal(error.GetType().FullName, span.GetTagItem("error.type"));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
    }

    [Fact]
    public async Task A_stream_with_an_error_inside_ends_its_span_as_error()
    {
        await using var harness = await StartAsync();

        var error = await Assert.ThrowsAnyAsync<EzrouterException>(async () =>
        {
            await foreach (var _ in harness.Client.Chat.CompleteStreamingAsync(ChatRequest("kimi-k2.6", "Write a haiku about the sea."))) { }
        });

        var span = harness.SingleSpan();
        Assert.Equal("error", span.GetTagItem("ezrouter.stream.outcome"));
        Assert.Equal(error.GetType().FullName, span.GetTagItem("error.type"));
    }

    [Fact]
    public async Task A_stream_the_caller_leaves_ends_its_span_as_abandoned_without_an_error()
    {
        await using var harness = await StartAsync();

        await foreach (var _ in harness.Client.Chat.CompleteStreamingAsync(ChatRequest("claude-sonnet-4-6", "Count to five.")))
            break;

        var span = harness.SingleSpan();
        Assert.Equal("abandoned", span.GetTagItem("ezrouter.stream.outcome"));
        Assert.Null(span.GetTagItem("error.type"));
        Assert.NotNull(span.GetTagItem("gen_ai.response.time_to_first_chunk"));
    }

    [Fact]
    public async Task A_stream_the_caller_cancels_ends_its_span_as_cancelled()
    {
        await using var harness = await StartAsync();
        using var cancel = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in harness.Client.Chat.CompleteStreamingAsync(ChatRequest("deepseek-v4-flash", "Tell me a long story."), cancel.Token))
                cancel.Cancel();
        });

        var span = harness.SingleSpan();
        Assert.Equal("cancelled", span.GetTagItem("ezrouter.stream.outcome"));
        Assert.NotNull(span.GetTagItem("error.type"));
    }

    [Fact]
    public async Task Prompt_and_completion_text_appear_only_when_the_caller_opts_in()
    {
        await using var harness = await StartAsync(o => o.CaptureMessageContent = true);

        await harness.Client.Messages.CreateAsync(MessageRequest("claude-opus-4-7", "What's the weather in Paris?", stream: false));

        var span = harness.SingleSpan();
        Assert.Equal("""[{"role":"user","parts":[{"type":"text","content":"What\u0027s the weather in Paris?"}]}]""", span.GetTagItem("gen_ai.input.messages"));
        Assert.Equal("""[{"type":"text","content":"Be brief."}]""", span.GetTagItem("gen_ai.system_instructions"));
        var output = Assert.IsType<string>(span.GetTagItem("gen_ai.output.messages"));
        Assert.StartsWith("""[{"role":"assistant","parts":[""", output);
        Assert.Contains("\"finish_reason\"", output);
    }

    [Fact]
    public async Task A_stream_completes_with_no_tracer_or_meter_provider()
    {
        // No tracer or meter provider in this test: the call's telemetry path must not need one. Whether anything
        // is recorded cannot be asserted here (ActivitySource listeners are process-wide, and other tests add them);
        // the cost when nothing listens is measured in the benchmarks instead (docs/benchmarks.md).
        await using var gateway = await Ezrouter.Testing.RecordedGateway.StartAsync();
        using var client = new EzrouterClient(new EzrouterClientOptions { ApiKey = DefaultKey, BaseUrl = gateway.BaseUrl });

        var stream = client.Chat.CompleteStreamingAsync(ChatRequest("claude-sonnet-4-6", "Count to five."));
        var completion = await stream.GetFinalCompletionAsync();

        Assert.NotNull(completion.Id);
    }
}
