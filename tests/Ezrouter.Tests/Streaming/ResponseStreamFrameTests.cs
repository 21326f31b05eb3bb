using System.Text;
using Ezrouter.Streaming;

namespace Ezrouter.Tests.Streaming;

/// <summary>
/// One Responses API event's data as the reader takes it: the SSE event name stands in for a missing type, only a
/// failing event keeps its bytes (for the error's raw body), and a malformed event keeps a bounded excerpt.
/// </summary>
public sealed class ResponseStreamFrameTests
{
    private static ResponseStreamReader.Frame Parse(string eventType, string data) =>
        ResponseStreamReader.Frame.Parse(eventType, Encoding.UTF8.GetBytes(data));

    [Theory]
    [InlineData("response.output_text.delta", "{\"delta\":\"x\"}", "response.output_text.delta")]
    [InlineData("message", "{\"delta\":\"x\"}", null)]
    [InlineData("response.created", "{\"type\":\"response.in_progress\"}", "response.in_progress")]
    [InlineData("message", "{\"type\":\"response.in_progress\"}", "response.in_progress")]
    public void The_event_name_stands_in_only_for_a_missing_type(string eventType, string data, string? expected) =>
        Assert.Equal(expected, Parse(eventType, data).Event!.Type);

    [Fact]
    public void Only_a_failing_event_keeps_its_bytes()
    {
        const string error = "{\"type\":\"error\",\"code\":\"c\",\"message\":\"m\"}";

        Assert.Null(Parse("message", "{\"type\":\"response.output_text.delta\",\"delta\":\"x\"}").Data);
        Assert.Equal(Encoding.UTF8.GetBytes(error), Parse("message", error).Data);
    }

    [Fact]
    public void A_malformed_event_keeps_at_most_its_first_thousand_bytes()
    {
        var frame = Parse("message", "{\"delta\":\"" + new string('x', 1500));

        Assert.Equal(1000, frame.Malformed!.Length);
        Assert.NotNull(frame.Problem);
        Assert.Null(frame.Event);
    }

    [Fact]
    public void A_short_malformed_event_is_kept_whole()
    {
        const string data = "{\"delta\":";
        Assert.Equal(data, Parse("message", data).Malformed);
    }
}
