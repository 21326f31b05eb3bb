namespace Ezrouter.Testing.Tests.Support;

/// <summary>
/// Tests that measure pauses between frames run alone: on a 2-core machine, parallel test classes can
/// starve a reader long enough to merge two frames into one read.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    public const string Name = "Timing";
}
