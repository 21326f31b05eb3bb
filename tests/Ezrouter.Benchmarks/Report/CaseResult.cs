namespace Ezrouter.Benchmarks.Report;

/// <summary>One measured case: time and bytes allocated per operation, and the recording's events per operation.</summary>
internal sealed record CaseResult(string Stream, string Implementation, int Events, double NsPerOp, double BytesPerOp)
{
    public double EventsPerSecond => Events / (NsPerOp / 1e9);
    public double NsPerEvent => NsPerOp / Events;
    public double BytesPerEvent => BytesPerOp / Events;
}
