using System.Buffers;
using System.Text.Json;
using Ezrouter.Generated.Anthropic.Models;
using Ezrouter.Http;
using Ezrouter.Tests.TestSupport;

namespace Ezrouter.Tests.Http;

/// <summary>
/// What a plain JSON answer must be (labelled as JSON, one object) and how its body is buffered: exactly up to the
/// bound, never past it, and every pooled buffer given back whichever way the read ends.
/// </summary>
public sealed class JsonAnswerTests
{
    [Theory]
    [InlineData(null, true)]
    [InlineData("application/json", true)]
    [InlineData("APPLICATION/JSON", true)]
    [InlineData("text/json", true)]
    [InlineData("text/plain", true)]
    [InlineData("application/octet-stream", true)]
    [InlineData("application/problem+json", true)]
    [InlineData("text/event-stream", false)]
    [InlineData("image/png", false)]
    [InlineData("", false)]
    public void Only_json_or_unspecific_labels_read_as_json(string? mediaType, bool expected) =>
        Assert.Equal(expected, JsonAnswer.ReadsAsJson(mediaType));

    [Theory]
    [InlineData("[1]", "the answer is a JSON array, not an object")]
    [InlineData("\"hello\"", "the answer is a JSON string, not an object")]
    [InlineData("42", "the answer is a JSON number, not an object")]
    [InlineData("true", "the answer is a JSON boolean, not an object")]
    [InlineData("false", "the answer is a JSON boolean, not an object")]
    [InlineData("null", "the answer is a JSON null, not an object")]
    public void A_value_that_is_not_an_object_is_named_by_its_kind(string json, string expected) =>
        Assert.Equal(expected, JsonAnswer.NotOneObject(System.Text.Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void One_object_with_whitespace_around_it_is_accepted() =>
        Assert.Null(JsonAnswer.NotOneObject(" {\"a\":[1,2]}\r\n"u8));

    [Theory]
    [InlineData("{} x")]
    [InlineData("{}{}")]
    [InlineData("{\"a\":")]
    [InlineData("")]
    public void Unreadable_or_trailing_json_says_why(string json)
    {
        var problem = JsonAnswer.NotOneObject(System.Text.Encoding.UTF8.GetBytes(json));

        Assert.NotNull(problem);
        Assert.StartsWith("the answer is not readable JSON: ", problem);
        Assert.True(problem.Length > "the answer is not readable JSON: ".Length, problem);
    }

    [Fact]
    public void Reading_a_non_object_throws_the_kind_in_its_message()
    {
        var e = Assert.Throws<JsonAnswer.NotAnObjectException>(() => JsonAnswer.Read(typeof(Message), "[1,2]"u8));
        Assert.Equal("the answer is a JSON array, not an object", e.Message);
    }

    [Fact]
    public void Reading_into_a_type_without_a_generated_reader_names_the_type()
    {
        var e = Assert.Throws<ArgumentException>(() => JsonAnswer.Read(typeof(string), "{}"u8));
        Assert.Equal("modelType", e.ParamName);
        Assert.StartsWith("no generated reader for String", e.Message);
    }

    [Fact]
    public void Reading_an_empty_or_trailing_answer_throws_json_exception()
    {
        Assert.ThrowsAny<JsonException>(() => JsonAnswer.Read(typeof(Message), ""u8));
        Assert.ThrowsAny<JsonException>(() => JsonAnswer.Read(typeof(Message), "{} x"u8));
    }

    [Fact]
    public void The_byte_bound_is_four_per_character_below_the_array_limit()
    {
        Assert.Equal(4096, JsonAnswer.MaxBytes(new EzrouterLimits { MaxAnswerChars = 1024 }));
        Assert.Equal(Array.MaxLength, JsonAnswer.MaxBytes(new EzrouterLimits { MaxAnswerChars = Array.MaxLength / 4 }));
        Assert.Equal(4L * (Array.MaxLength / 4 - 1), JsonAnswer.MaxBytes(new EzrouterLimits { MaxAnswerChars = Array.MaxLength / 4 - 1 }));
        Assert.Equal(Array.MaxLength, JsonAnswer.MaxBytes(new EzrouterLimits { MaxAnswerChars = null }));
    }

    [Theory]
    [InlineData(16L)]
    [InlineData(null)]
    public async Task A_body_of_exactly_the_bound_is_read_whole(long? declared)
    {
        var payload = Enumerable.Repeat((byte)'x', 16).ToArray();

        var read = await JsonAnswer.ReadBodyAsync(new MemoryStream(payload), declared, limit: 16, default);

        Assert.NotNull(read);
        Assert.Equal(16, read.Value.Length);
        BodyBuffers.Return(read.Value.Buffer);
    }

    [Fact]
    public async Task A_declared_length_past_the_bound_is_refused_before_reading()
    {
        var stream = new CountingStream(new MemoryStream(new byte[17]), chunk: 17);
        Assert.Null(await JsonAnswer.ReadBodyAsync(stream, 17, limit: 16, default));
        Assert.Equal(0, stream.Delivered);
    }

    [Fact]
    public async Task A_body_that_fills_its_buffer_at_the_bound_and_goes_on_is_refused()
    {
        // Declared 10 → first buffer of 16 from the pool, bound 16: the buffer is full exactly at the bound.
        Assert.Null(await JsonAnswer.ReadBodyAsync(new MemoryStream(new byte[20]), 10, limit: 16, default));
    }

    [Fact]
    public async Task A_too_long_body_is_read_no_further_than_the_bound_plus_one_byte()
    {
        var stream = new CountingStream(new MemoryStream(new byte[1000]), chunk: 1);

        Assert.Null(await JsonAnswer.ReadBodyAsync(stream, null, limit: 100, default));
        Assert.Equal(101, stream.Delivered);
    }

    [Fact]
    public async Task Growth_past_the_pooled_size_stops_at_the_bound_plus_one_byte()
    {
        const int limit = BodyBuffers.PooledMax + 10;
        var payload = new byte[limit];
        Random.Shared.NextBytes(payload);

        var read = await JsonAnswer.ReadBodyAsync(new MemoryStream(payload), BodyBuffers.PooledMax, limit, default);

        Assert.NotNull(read);
        Assert.Equal(limit, read.Value.Length);
        Assert.Equal(limit + 1, read.Value.Buffer.Length);
        Assert.True(payload.AsSpan().SequenceEqual(read.Value.Buffer.AsSpan(0, limit)));
    }

    [Fact]
    public async Task The_outgrown_buffer_goes_back_to_the_pool()
    {
        var first = PooledOfSize(16);
        var read = await JsonAnswer.ReadBodyAsync(new MemoryStream(new byte[20]), 10, 1L << 20, default);
        Assert.NotNull(read);
        BodyBuffers.Return(read.Value.Buffer);

        Assert.Same(first, ArrayPool<byte>.Shared.Rent(16));
    }

    [Fact]
    public async Task The_buffer_goes_back_to_the_pool_when_the_body_is_too_long()
    {
        var first = PooledOfSize(16);
        Assert.Null(await JsonAnswer.ReadBodyAsync(new MemoryStream(new byte[40]), 10, limit: 12, default));
        Assert.Same(first, ArrayPool<byte>.Shared.Rent(16));
    }

    [Fact]
    public async Task The_buffer_goes_back_to_the_pool_when_the_read_fails()
    {
        var first = PooledOfSize(16);
        await Assert.ThrowsAsync<IOException>(() => JsonAnswer.ReadBodyAsync(new FailingStream(), 10, 1L << 20, default));
        Assert.Same(first, ArrayPool<byte>.Shared.Rent(16));
    }

    [Fact]
    public async Task Reading_a_whole_content_copies_it_out_and_gives_the_buffer_back()
    {
        var first = PooledOfSize(16);
        using var content = new ByteArrayContent("{\"a\":1}"u8.ToArray());

        var body = await JsonAnswer.ReadAllAsync(content, new EzrouterLimits(), default);

        Assert.Equal("{\"a\":1}"u8.ToArray(), body);
        Assert.Same(first, ArrayPool<byte>.Shared.Rent(16));
    }

    [Fact]
    public async Task Reading_a_whole_content_past_the_bound_gives_null()
    {
        using var content = new ByteArrayContent(new byte[4097]);
        Assert.Null(await JsonAnswer.ReadAllAsync(content, new EzrouterLimits { MaxAnswerChars = 1024 }, default));
    }

    // The pool hands back the array this thread returned last, so renting after a read shows whether it returned one.
    private static byte[] PooledOfSize(int size)
    {
        var array = ArrayPool<byte>.Shared.Rent(size);
        ArrayPool<byte>.Shared.Return(array);
        return array;
    }

    private sealed class CountingStream(Stream inner, int chunk) : ForwardOnlyStream
    {
        public long Delivered { get; private set; }
        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, Math.Min(count, chunk));
            Delivered += read;
            return read;
        }
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = inner.Read(buffer.Span[..Math.Min(buffer.Length, chunk)]);
            Delivered += read;
            return ValueTask.FromResult(read);
        }
    }

    private sealed class FailingStream : ForwardOnlyStream
    {
        public override int Read(byte[] buffer, int offset, int count) => throw new IOException("connection reset");
        // Fails synchronously, so the test stays on the thread whose pool cache it checks.
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromException<int>(new IOException("connection reset"));
    }
}
