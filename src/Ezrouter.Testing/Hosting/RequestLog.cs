using System.Collections.Generic;

namespace Ezrouter.Testing.Hosting;

/// <summary>Thread-safe list of received requests.</summary>
internal sealed class RequestLog
{
    private readonly List<RecordedRequest> requests = [];
    private readonly object gate = new();

    public void Add(RecordedRequest request)
    {
        lock (gate)
        {
            requests.Add(request);
        }
    }

    public IReadOnlyList<RecordedRequest> Snapshot()
    {
        lock (gate)
        {
            return requests.ToArray();
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            requests.Clear();
        }
    }
}
