using System.Text;
using Microsoft.Kiota.Abstractions;
using Ezrouter.Http;

namespace Ezrouter.Tests.Http;

/// <summary>
/// <see cref="StreamRequestBody.Force"/>: the body a stream request sends, made from the body Kiota serialized,
/// without touching the caller's model, and without leaking the pooled stream Kiota serialized into.
/// </summary>
public class StreamRequestBodyTests
{
    private sealed class TrackedStream(byte[] bytes) : MemoryStream(bytes)
    {
        public bool Disposed { get; private set; }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }

    private static (RequestInformation Request, TrackedStream Content) Request(string json)
    {
        var content = new TrackedStream(Encoding.UTF8.GetBytes(json));
        return (new RequestInformation { Content = content }, content);
    }

    private static string Body(RequestInformation request)
    {
        using var reader = new StreamReader(request.Content!);
        return reader.ReadToEnd();
    }

    [Fact]
    public void ABodyInAnExposedBufferIsReadInPlaceFromWhereItStarts()
    {
        // A buffer with bytes around the body, exposed (as the layer's writer hands a body out), read from an offset.
        var bytes = Encoding.UTF8.GetBytes("""xx{"model":"m"}yy""");
        var content = new MemoryStream(bytes, 0, bytes.Length - 2, writable: false, publiclyVisible: true) { Position = 2 };
        var request = new RequestInformation { Content = content };

        StreamRequestBody.Force(request, requested: null);

        Assert.Equal("""{"stream":true,"model":"m"}""", Body(request));
        Assert.Equal("""xx{"model":"m"}yy""", Encoding.UTF8.GetString(bytes));
    }

    [Theory]
    [InlineData("""{"model":"m"}""", """{"stream":true,"model":"m"}""")]
    [InlineData("""{}""", """{"stream":true}""")]
    [InlineData("""{ }""", """{"stream":true }""")]
    public void SplicesTheFieldIntoABodyWithoutOne(string sent, string expected)
    {
        var (request, _) = Request(sent);
        StreamRequestBody.Force(request, requested: null);
        Assert.Equal(expected, Body(request));
    }

    [Fact]
    public void ReplacesAnExplicitFalse()
    {
        var (request, _) = Request("""{"model":"m","stream":false}""");
        StreamRequestBody.Force(request, requested: false);
        Assert.Equal("""{"model":"m","stream":true}""", Body(request));
    }

    [Fact]
    public void LeavesABodyThatAlreadyStreams()
    {
        var (request, content) = Request("""{"model":"m","stream":true}""");
        StreamRequestBody.Force(request, requested: true);
        Assert.Same(content, request.Content);
        Assert.False(content.Disposed);
    }

    [Fact]
    public void ABodyThatIsNotAnObjectIsSentAsItWas()
    {
        var (request, content) = Request("""[1,2]""");
        StreamRequestBody.Force(request, requested: false);
        Assert.True(content.Disposed);
        Assert.Equal("""[1,2]""", Body(request));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(false)]
    public void DisposesTheSerializedStreamItReplaces(bool? requested)
    {
        // Kiota serializes into a RecyclableMemoryStream; left undisposed, its finalizer returns the blocks under the
        // pool's lock on the finalizer thread (a third of the CPU time of a short stream, before this was fixed).
        var (request, content) = Request(requested is null ? """{"model":"m"}""" : """{"model":"m","stream":false}""");
        StreamRequestBody.Force(request, requested);
        Assert.NotSame(content, request.Content);
        Assert.True(content.Disposed);
    }

    [Fact]
    public void ABodyInAStreamOfAnotherKindIsReadWholeAndGetsTheField()
    {
        // Arrange: a body that is not a MemoryStream (a caller's own content), read in small pieces.
        var request = new RequestInformation { Content = new BufferedStream(new MemoryStream(Encoding.UTF8.GetBytes("""{"model":"m"}""")), 4) };

        // Act
        StreamRequestBody.Force(request, requested: null);

        // Assert
        Assert.Equal("""{"stream":true,"model":"m"}""", Body(request));
    }

    [Fact]
    public void TheBodyMadeIsReadOnlyWithItsBufferExposedForSendingInPlace()
    {
        // Arrange
        var (request, _) = Request("""{"model":"m"}""");

        // Act
        StreamRequestBody.Force(request, requested: null);

        // Assert: the adapter sends an exposed MemoryStream buffer without copying it; nobody may write into it.
        var memory = Assert.IsType<MemoryStream>(request.Content);
        Assert.False(memory.CanWrite);
        Assert.True(memory.TryGetBuffer(out _));
    }
}
