using System.Text;
using Ezrouter.Streaming;
using Ezrouter.Tests.Corpus;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Ezrouter.Tests.Properties;

/// <summary>
/// Issue #12 item 6 (a): however a recorded stream's bytes are split into reads — random split points, runs of
/// one-byte reads, one read for everything, some reads completing only after a yield — the stream hands out the
/// same events, folds the same aggregate, and the non-stream call returns the same result, on both surfaces.
/// </summary>
public class RechunkingProperties
{
    /// <summary>How a body is read: the read sizes in turn (cycling; none: one read for everything).</summary>
    public sealed record Split(IReadOnlyList<(int Size, bool Async)> Reads)
    {
        public override string ToString() => Reads.Count == 0 ? "one read" : string.Join(",", Reads.Select(r => r.Async ? $"{r.Size}~" : $"{r.Size}"));
    }

    public static class Arbitraries
    {
        public static Arbitrary<Split> Splits()
        {
            var size = Gen.Frequency(
                (6, Gen.Choose(1, 1)),
                (6, Gen.Choose(2, 8)),
                (3, Gen.Choose(9, 64)),
                (1, Gen.Choose(65, 4096)));
            var read = Gen.Zip(size, Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true))));
            var reads = Gen.Frequency(
                (1, Gen.Constant(Array.Empty<(int, bool)>())),
                (1, Gen.Constant(new[] { (1, false) })),
                (1, Gen.Constant(new[] { (1, true) })),
                (12, Gen.ArrayOf(read).Where(r => r.Length > 0)));
            return Arb.From(reads.Select(r => new Split(r)), Shrink);
        }

        // Fewer reads first, then smaller ones: a failing split shrinks towards the simplest one that still fails.
        private static IEnumerable<Split> Shrink(Split split)
        {
            var reads = split.Reads;
            if (reads.Count == 0) yield break;
            yield return new Split([]);
            if (reads.Count > 1)
            {
                yield return new Split(reads.Take(reads.Count / 2).ToArray());
                yield return new Split(reads.Skip(1).ToArray());
            }
            if (reads.Any(r => r.Async)) yield return new Split(reads.Select(r => (r.Size, false)).ToArray());
            if (reads.Any(r => r.Size > 1)) yield return new Split(reads.Select(r => (Math.Max(1, r.Size / 2), r.Async)).ToArray());
        }
    }

    private static readonly Lazy<byte[]> ChatBytes = new(() => Encoding.UTF8.GetBytes(Recorded.ChatBody.Value));
    private static readonly Lazy<byte[]> MessageBytes = new(() => Encoding.UTF8.GetBytes(Recorded.MessagesBody.Value));

    private sealed record Expected(IReadOnlyList<string> Events, string Aggregate, string NonStream);

    private static readonly Lazy<Expected> ChatWhole = new(() => Flatten(RecordedStreamRunner.RunNow(false, () => new ByteArrayContent(ChatBytes.Value))));
    private static readonly Lazy<Expected> MessagesWhole = new(() => Flatten(RecordedStreamRunner.RunNow(true, () => new ByteArrayContent(MessageBytes.Value))));

    private static Expected Flatten(RecordedStreamRunner.Run run)
    {
        Assert.Equal(StreamOutcome.Completed, run.Outcome);
        return new Expected(run.Events.Select(Recorded.Json).ToList(), Recorded.Json(run.Aggregate), Recorded.Json(run.NonStream));
    }

    [Fact]
    public void TheWholeReadMatchesTheIndependentFold()
    {
        Assert.Equal(Recorded.ChatAggregate.Value, ChatWhole.Value.Aggregate);
        Assert.Equal(Recorded.ChatAggregate.Value, ChatWhole.Value.NonStream);
        Assert.Equal(Recorded.MessagesAggregate.Value, MessagesWhole.Value.Aggregate);
        Assert.Equal(Recorded.MessagesAggregate.Value, MessagesWhole.Value.NonStream);
        Assert.Equal(6, ChatWhole.Value.Events.Count);
        Assert.Equal(19, MessagesWhole.Value.Events.Count); // 20 events, the ping skipped
    }

    [Property(MaxTest = 100, Arbitrary = [typeof(Arbitraries)])]
    public void AnyChatRechunkingGivesTheSameEventsAndAggregate(Split split) => AssertSame(false, ChatBytes.Value, ChatWhole.Value, split);

    [Property(MaxTest = 100, Arbitrary = [typeof(Arbitraries)])]
    public void AnyMessagesRechunkingGivesTheSameEventsAndAggregate(Split split) => AssertSame(true, MessageBytes.Value, MessagesWhole.Value, split);

    private static void AssertSame(bool anthropic, byte[] bytes, Expected expected, Split split)
    {
        var run = RecordedStreamRunner.RunNow(anthropic, () => new StreamContent(new SplitStream(bytes, split.Reads)));
        Assert.Equal(StreamOutcome.Completed, run.Outcome);
        Assert.Equal(expected.Events, run.Events.Select(Recorded.Json).ToList());
        Assert.Equal(expected.Aggregate, Recorded.Json(run.Aggregate));
        Assert.Equal(expected.NonStream, Recorded.Json(run.NonStream));
    }
}
