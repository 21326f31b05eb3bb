using System.Text;

namespace Ezrouter.Benchmarks.Payloads;

/// <summary>
/// One recorded answer: the exact bytes every SDK is fed, its Content-Type, how many events (SSE <c>data</c>
/// payloads other than <c>[DONE]</c>, pings included) it carries, and how many characters of text a consumer that
/// reads every delta should see (content, tool arguments, thinking, signatures). <see cref="ToolInputChars"/> is the
/// part of that text that a whole Anthropic message holds as a parsed <c>input</c> object rather than a string.
/// </summary>
internal sealed record Recording(string Name, byte[] Body, string ContentType, int Events, long TextChars, long ToolInputChars = 0)
{
    public const string EventStream = "text/event-stream";
    public const string Json = "application/json";

    public static Recording FromJson(string name, string json, long textChars, long toolInputChars = 0) =>
        new(name, Encoding.UTF8.GetBytes(json), Json, 1, textChars, toolInputChars);

    public override string ToString() => $"{Name} ({Body.Length:N0} bytes, {Events:N0} events)";
}
